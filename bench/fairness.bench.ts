import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, NAMESPACE, startTemporalDevServer, type Stack } from '../scripts/stack';
import { type BareEngine, startBareEngine } from './bare-engine';
import { alternately, type BenchFigure, percentile } from './bench-support';

/**
 * Does turning fairness on cost the engine its sync match? Issue 19 asked, since each of a send's hops
 * seemed to cost about 40 ms. The same bare one-activity workflow runs on the stack's Temporal (fairness on,
 * as Threadline runs it) and on a second dev server started the same way but without fairness, one after
 * the other, alternately, so both see the same machine at the same moment.
 */
export async function fairnessBench(rootDir: string, stack: Stack, bare: BareEngine, workflows: number, persistTemporal: boolean): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'threadline-bench-plain-temporal-'));
  const port = await freePort();
  console.warn(`[bench] fairness: ${workflows} bare one-activity workflows on the stack's Temporal (fairness on) and on a server without fairness, alternately`);
  const server = await startTemporalDevServer({
    rootDir, port, logFile: join(dir, 'temporal.log'), fairness: false, log: (line) => console.warn(`[bench] ${line}`),
    sqliteFile: persistTemporal ? join(dir, 'temporal.sqlite') : undefined,
  });
  const plain = await startBareEngine({ temporalAddress: `127.0.0.1:${port}`, namespace: NAMESPACE });
  try {
    const [on, off] = await alternately(workflows, () => bare.execute(1), () => plain.execute(1));
    const [on50, on99, off50, off99] = [percentile(on, 50), percentile(on, 99), percentile(off, 50), percentile(off, 99)];
    console.warn(`[bench]   fairness on p50 ${on50.toFixed(0)} / p99 ${on99.toFixed(0)} ms, off p50 ${off50.toFixed(0)} / p99 ${off99.toFixed(0)} ms`);
    return [{
      what: `bare 1-activity workflow, fairness on (${workflows} runs, one at a time)`,
      threadline: `p50 ${on50.toFixed(0)} ms, p99 ${on99.toFixed(0)} ms`,
      baseline: `same server, fairness off: p50 ${off50.toFixed(0)} ms, p99 ${off99.toFixed(0)} ms`,
      ratio: `p50 ${(on50 / off50).toFixed(2)}×`,
      goal: 'what fairness costs a hop (measured, no goal)',
      met: null,
    }];
  } finally {
    await plain.close();
    await server.stop();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
