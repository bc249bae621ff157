import { randomUUID } from 'node:crypto';
import type { Stack } from '../scripts/stack';
import type { BareEngine } from './bare-engine';
import { alternately, type BenchFigure, benchWorkspace, describeShape, historyShape, json, percentile, printTable } from './bench-support';

const GOAL_RATIO = 1.1;
/** First-degree to both sandbox accounts of the emulator. */
const RECIPIENT = 'urn:li:fsd_profile:ACoAA63fFKcZjR4I0b3jRtaWr4Y9OJFLJOqOAf1';

/**
 * Send latency: POST /v1/messages (no typing, spacing off) until it answers 200 with the message sent,
 * against a bare one-activity workflow started and awaited on the same Temporal server. One after the
 * other, alternately, so both see the same machine at the same moment.
 */
export async function sendLatencyBench(stack: Stack, bare: BareEngine, sends: number): Promise<BenchFigure[]> {
  const { key, workspaceId, accounts: [account] } = await benchWorkspace(stack, 'bench send latency');
  let idempotencyKey = '';
  const send = async (i: number) => {
    idempotencyKey = randomUUID();
    const body = await json<{ status: string }>(`${stack.apiUrl}/v1/messages`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'x-account-id': account!.id, 'idempotency-key': idempotencyKey },
      body: JSON.stringify({ recipientId: RECIPIENT, text: `latency ${i}` }),
    });
    if (body.status !== 'sent') throw new Error(`POST /v1/messages answered status ${body.status}, not sent`);
  };
  console.warn(`[bench] send latency: ${sends} sends through the API and ${sends} bare one-activity workflows, alternately`);
  const [api, engine] = await alternately(sends, send, () => bare.execute(1));
  const [a50, a99, b50, b99] = [percentile(api, 50), percentile(api, 99), percentile(engine, 50), percentile(engine, 99)];
  // What one send cost the engine (its workflow's history), beside the bare workflow's.
  const sendShape = await historyShape(bare.client, `send:${workspaceId}:${idempotencyKey}`);
  const bareShape = await historyShape(bare.client, bare.lastWorkflowId());
  const ratio = a50 / b50;
  const met = ratio <= GOAL_RATIO;
  const figure: BenchFigure = {
    what: `POST /v1/messages, no typing, spacing off (${sends} sends, one at a time)`,
    threadline: `p50 ${a50.toFixed(0)} ms, p99 ${a99.toFixed(0)} ms`,
    baseline: `bare 1-activity workflow: p50 ${b50.toFixed(0)} ms, p99 ${b99.toFixed(0)} ms`,
    ratio: `p50 ${ratio.toFixed(2)}×, p99 ${(a99 / b99).toFixed(2)}×`,
    goal: `p50 ≤ ${GOAL_RATIO}× bare`,
    met,
    ...(met ? {} : {
      note: `a send's workflow ran ${describeShape(sendShape)}; the bare one ${describeShape(bareShape)}. Each workflow task and activity is a round trip through the Temporal server, in turn. What would close it: issue 19's lean step on the send spine (check, prepare and deliver in one activity, bookkeeping as local activities), a change to workflows/ outside this run.`,
    }),
  };
  console.warn(`[bench]   API p50 ${a50.toFixed(0)} / p99 ${a99.toFixed(0)} ms, bare p50 ${b50.toFixed(0)} / p99 ${b99.toFixed(0)} ms`);
  printTable('send latency', [figure]);
  return [figure];
}
