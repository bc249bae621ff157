import type { Client } from '@temporalio/client';
import { applySendQueueRateLimit } from './task-queue-config';
import { registerSearchAttributes } from './search-attributes';

/** What a gRPC call refused by the server rejects with. */
const refused = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details });

describe('worker boot on a Temporal server without fairness', () => {
  it('does not throw when updateTaskQueueConfig is refused: one line says sends are spaced by the ledger alone', async () => {
    const client = { workflowService: { updateTaskQueueConfig: jest.fn(async () => Promise.reject(refused(12, 'fairness is not enabled'))) } } as unknown as Client;
    const lines: string[] = [];
    await expect(applySendQueueRateLimit(client, 'ns', 45, (l) => lines.push(l))).resolves.toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/UNIMPLEMENTED: fairness is not enabled/);
    expect(lines[0]).toMatch(/ledger still spaces every LinkedIn member's sends/);
  });

  it('does apply the per-member rate when the server takes it', async () => {
    const updateTaskQueueConfig = jest.fn(async () => ({}));
    const lines: string[] = [];
    await expect(applySendQueueRateLimit({ workflowService: { updateTaskQueueConfig } } as unknown as Client, 'ns', 2, (l) => lines.push(l))).resolves.toBe(true);
    expect(updateTaskQueueConfig).toHaveBeenCalledWith(expect.objectContaining({ namespace: 'ns', taskQueue: 'linkedin-send', updateFairnessKeyRateLimitDefault: expect.objectContaining({ rateLimit: { requestsPerSecond: 0.5 } }) }));
    expect(lines).toEqual([]);
  });

  it('does not throw when registering search attributes is refused: one line names what to register', async () => {
    const client = { connection: { operatorService: { listSearchAttributes: jest.fn(async () => Promise.reject(refused(7, 'operator API not allowed'))) } } } as unknown as Client;
    const lines: string[] = [];
    await expect(registerSearchAttributes(client, 'ns', (l) => lines.push(l))).resolves.toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PERMISSION_DENIED: operator API not allowed.*CampaignId \(KEYWORD\), AccountId \(KEYWORD\), LeadId \(KEYWORD\), SequenceStep \(KEYWORD\), LeadStatus \(KEYWORD\)/);
  });
});
