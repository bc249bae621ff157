import { totalmem } from 'node:os';

const MiB = 1024 * 1024;
/** Share of the worker's memory the workflow cache may take (the rest: the SDK, Nest, activities, and headroom). */
const CACHE_SHARE = 1 / 8;
/** What one cached lead run weighs, rounded up: issue 19 measured about 120 KiB per sleeping lead (1.3–1.5 GB for 10k). */
const KIB_PER_CACHED_RUN = 256;
/** At least the SDK's 40 concurrent workflow tasks, with room; at most what keeps RSS near 500 MB however many leads sleep. */
const MIN_CACHED = 100;
const MAX_CACHED = 2_000;

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
 * WORKER_MAX_CACHED_WORKFLOWS overrides the figure derived from memory (0 turns the cache off).
 */
export function workflowCacheSize(memoryBytes: number, override: number | undefined): WorkflowCacheSizing {
  if (override !== undefined) return { maxCachedWorkflows: override, basis: 'WORKER_MAX_CACHED_WORKFLOWS' };
  const budgetKiB = (memoryBytes * CACHE_SHARE) / 1024;
  const derived = Math.min(MAX_CACHED, Math.max(MIN_CACHED, Math.floor(budgetKiB / KIB_PER_CACHED_RUN)));
  return { maxCachedWorkflows: derived, basis: `${Math.round(memoryBytes / MiB)} MiB of memory` };
}
