import { totalmem } from 'node:os';

const MiB = 1024 * 1024;
/** Share of the worker's memory the workflow cache may take (the rest: the SDK, Nest, activities, and headroom). */
const CACHE_SHARE = 1 / 8;
/**
 * What one cached lead run weighs in the worker's RSS, rounded up: issue 19 measured 262 KiB a run while the cache
 * filled with every heap collected each 10 s (the workflow thread's heap about 80 KiB of it once luxon is shared,
 * the SDK's native core about 135 KiB), more between collections. An evicted run weighs nothing until it wakes.
 */
const KIB_PER_CACHED_RUN = 320;
/**
 * At least the SDK's 40 concurrent workflow tasks, with room; at most what keeps RSS under 500 MB however many leads
 * sleep: a worker holds about 400 MB with 100 cached runs once enrolment has churned through it (issue 19).
 */
const MIN_CACHED = 100;
const MAX_CACHED = 200;

export interface WorkflowCacheSizing {
  maxCachedWorkflows: number;
  /** How the figure was reached, for the boot line. */
  basis: string;
}

/** The memory this process may use: its cgroup limit (container), else the machine's RAM. */
export function workerMemoryBytes(): number {
  const machine = totalmem();
  const constrained = process.constrainedMemory?.() ?? 0;
  return constrained > 0 && constrained < machine ? constrained : machine;
}

/**
 * How many workflow runs the worker keeps in memory. Without a bound every sleeping lead stays
 * cached (1.3–1.5 GB at 10k leads); an evicted run costs only a history replay when its timer fires.
 * Past the cache, sleeping leads cost the worker nothing measurable: the growth issue 19 saw there was the
 * cache itself and the garbage V8 lets a large heap keep, so the cache is kept small.
 * WORKER_MAX_CACHED_WORKFLOWS overrides the figure derived from memory (0 turns the cache off).
 */
export function workflowCacheSize(memoryBytes: number, override: number | undefined): WorkflowCacheSizing {
  if (override !== undefined) return { maxCachedWorkflows: override, basis: 'WORKER_MAX_CACHED_WORKFLOWS' };
  const budgetKiB = (memoryBytes * CACHE_SHARE) / 1024;
  const derived = Math.min(MAX_CACHED, Math.max(MIN_CACHED, Math.floor(budgetKiB / KIB_PER_CACHED_RUN)));
  return { maxCachedWorkflows: derived, basis: `${Math.round(memoryBytes / MiB)} MiB of memory` };
}
