import type { Stack } from '../scripts/stack';
import { benchWorkspace, json, percentile, USER_AGENT } from './http';

interface Received { originToken: string; deliveredAt: number }

/**
 * Per-account pacing under a burst: two accounts each get N sends at once. Temporal's fairness key
 * must space each account's sends by the configured interval while the two accounts run side by side.
 */
export async function sendPacingBench(stack: Stack, opts: { spacingSeconds: number; messagesPerAccount: number }): Promise<void> {
  const key = await benchWorkspace(stack.apiUrl, stack.adminToken, 'bench');
  const scenario = await json<{ accounts: Array<{ profileId: string; cookies: { li_at: string; JSESSIONID: string } }> }>(`${stack.emulatorUrl}/__emulator/scenario`);
  const accounts: Array<{ id: string; profileId: string }> = [];
  for (const a of scenario.accounts.slice(0, 2)) {
    const res = await json<{ account: { id: string } }>(`${stack.apiUrl}/v1/accounts`, {
      method: 'POST', headers: { authorization: `Bearer ${key}` },
      body: JSON.stringify({ liAt: a.cookies.li_at, jsessionId: a.cookies.JSESSIONID, userAgent: USER_AGENT }),
    });
    accounts.push({ id: res.account.id, profileId: a.profileId });
  }
  const recipient = 'urn:li:fsd_profile:ACoAA63fFKcZjR4I0b3jRtaWr4Y9OJFLJOqOAf1'; // 1st degree to both sandbox accounts

  console.warn(`[bench] send-pacing: ${accounts.length} accounts × ${opts.messagesPerAccount} sends, fired at once`);
  const t0 = Date.now();
  const latencies: number[] = [];
  let done = 0;
  await Promise.all(accounts.flatMap((account) => Array.from({ length: opts.messagesPerAccount }, async (_, i) => {
    const start = Date.now();
    await json(`${stack.apiUrl}/v1/messages`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'x-account-id': account.id },
      body: JSON.stringify({ recipientId: recipient, text: `bench ${i} from ${account.profileId.slice(-4)}` }),
    });
    latencies.push(Date.now() - start);
    done++;
    if (done % 4 === 0) console.warn(`[bench]   ${done}/${accounts.length * opts.messagesPerAccount} sent, ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  })));
  const wall = (Date.now() - t0) / 1000;

  console.log('\nsend-pacing');
  for (const account of accounts) {
    const received = (await json<{ received: Received[] }>(`${stack.emulatorUrl}/__emulator/received?account=${account.profileId}`)).received;
    const times = received.map((r) => r.deliveredAt).sort((a, b) => a - b);
    const gaps = times.slice(1).map((t, i) => (t - times[i]!) / 1000);
    // Temporal's limiter (GCRA) allows a 1 s burst, so an idle account's second send may come 1 s early.
    const later = gaps.slice(1);
    const minLater = Math.min(...later);
    const unique = new Set(received.map((r) => r.originToken)).size;
    console.log(`  account …${account.profileId.slice(-6)}: ${received.length} received (${unique} distinct originTokens); first gap ${gaps[0]!.toFixed(2)}s (1 s burst allowed), later gaps min ${minLater.toFixed(2)}s median ${percentile(later, 50).toFixed(2)}s; min later gap / configured spacing = ${(minLater / opts.spacingSeconds).toFixed(2)}`);
  }
  const ideal = (opts.messagesPerAccount - 1) * opts.spacingSeconds;
  console.log(`  wall time ${wall.toFixed(1)}s for both accounts; one account alone needs ≥ ${ideal.toFixed(1)}s → ratio ${(wall / ideal).toFixed(2)} (≈1 means the accounts ran side by side)`);
  console.log(`  request latency p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms (includes the pacing wait)`);
}
