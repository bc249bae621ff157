import type { AccountsRepository, ApiCallCount, UsageRepository } from '@threadline/db';
import { UsageService } from './usage.service';

const auth = { workspaceId: 'ws-1', apiKeyId: 'key-1' };
const at = new Date('2026-12-01T10:00:00Z');

function setup() {
  const written: ApiCallCount[][] = [];
  const usage = {
    addApiCalls: jest.fn(async (counts: ApiCallCount[]) => {
      written.push(counts.map((c) => ({ ...c })));
    }),
    report: jest.fn(async () => []),
  };
  const service = new UsageService(usage as unknown as UsageRepository, {} as AccountsRepository);
  return { service, usage, written };
}

describe('UsageService', () => {
  it('counts calls in memory and writes them as one batch per workspace, account and day', async () => {
    const { service, usage, written } = setup();
    service.countApiCall(auth, undefined, at);
    service.countApiCall(auth, undefined, at);
    service.countApiCall(auth, 'acc-1', at);
    service.countApiCall(auth, 'acc-1', new Date('2026-12-02T00:00:01Z'));
    expect(usage.addApiCalls).not.toHaveBeenCalled();
    await service.flush();
    expect(written).toEqual([[
      { workspaceId: 'ws-1', accountId: null, day: '2026-12-01', calls: 2 },
      { workspaceId: 'ws-1', accountId: 'acc-1', day: '2026-12-01', calls: 1 },
      { workspaceId: 'ws-1', accountId: 'acc-1', day: '2026-12-02', calls: 1 },
    ]]);
    await service.flush();
    expect(usage.addApiCalls).toHaveBeenCalledTimes(1);
  });

  it('keeps the counts for the next flush when a flush fails', async () => {
    const { service, usage, written } = setup();
    usage.addApiCalls.mockRejectedValueOnce(new Error('connection refused'));
    service.countApiCall(auth, undefined, at);
    await service.flush();
    service.countApiCall(auth, undefined, at);
    await service.flush();
    expect(written).toEqual([[{ workspaceId: 'ws-1', accountId: null, day: '2026-12-01', calls: 2 }]]);
  });

  it('writes the unflushed calls before it reads a report', async () => {
    const { service, usage } = setup();
    service.countApiCall(auth, undefined, at);
    await service.report(auth, { from: '2026-12-01', to: '2026-12-01' });
    expect(usage.addApiCalls.mock.invocationCallOrder[0]).toBeLessThan(usage.report.mock.invocationCallOrder[0]!);
  });

  it('flushes what is left at shutdown', async () => {
    const { service, written } = setup();
    service.onModuleInit();
    service.countApiCall(auth, undefined, at);
    await service.beforeApplicationShutdown();
    expect(written).toHaveLength(1);
  });
});
