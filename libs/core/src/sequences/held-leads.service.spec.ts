import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { LeadEntity, LeadsRepository } from '@threadline/db';
import { leadRetryStepSignal } from '@threadline/contracts';
import { HeldLeadsService } from './held-leads.service';

const lead = (id: string) => ({ id, campaignId: 'c1' }) as LeadEntity;

describe('HeldLeadsService.wakeAfterReconnect', () => {
  it('signals a retry to every lead held by an account problem, page by page, and skips runs that ended', async () => {
    const pages = [[lead('a'), lead('b')], [lead('c')], []];
    const findFailedWith = jest.fn(async () => pages.shift()!);
    const signal = jest.fn(async () => undefined);
    const getHandle = jest.fn((id: string) => ({
      signal: id === 'lead:c1:b' ? jest.fn(async () => { throw new WorkflowNotFoundError('gone', id, undefined); }) : signal,
    }));
    const service = new HeldLeadsService({ findFailedWith } as unknown as LeadsRepository, { workflow: { getHandle } } as unknown as Client);

    expect(await service.wakeAfterReconnect('ws', 'acc')).toBe(2);
    expect(findFailedWith).toHaveBeenCalledWith('ws', 'acc', ['ACCOUNT_DISCONNECTED', 'ACCOUNT_CHECKPOINT', 'ACCOUNT_RESTRICTED'], null, 200);
    expect(findFailedWith).toHaveBeenCalledWith('ws', 'acc', expect.any(Array), 'b', 200);
    expect(getHandle.mock.calls.map(([id]) => id)).toEqual(['lead:c1:a', 'lead:c1:b', 'lead:c1:c']);
    expect(signal).toHaveBeenCalledWith(leadRetryStepSignal);
  });
});
