import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { AccountsRepository, LeadEntity, LeadsRepository, MessageEntity, MessagesRepository } from '@threadline/db';
import { accountChangedSignal, leadRetryStepSignal } from '@threadline/contracts';
import { AccountRunsService } from './account-runs.service';

const lead = (id: string, state: string, stateReason: string | null = null) => ({ id, campaignId: 'c1', state, stateReason }) as LeadEntity;
const send = (id: string) => ({ id, workflowId: `send:ws:${id}` }) as MessageEntity;

function setup(status = 'active', leadPages: LeadEntity[][] = [[lead('a', 'active'), lead('b', 'failed', 'ACCOUNT_DISCONNECTED: expired'), lead('c', 'failed', 'LINKEDIN_REJECTED: no')]]) {
  const pages = [...leadPages];
  const leads = { listLiveForAccount: jest.fn(async () => pages.shift() ?? []) };
  const messages = { listPendingSends: jest.fn(async () => [send('m1')]) };
  const accounts = { findInWorkspace: jest.fn(async () => ({ status })) };
  const signal = jest.fn(async (..._args: unknown[]) => undefined);
  const getHandle = jest.fn((id: string) => ({ signal: id === 'lead:c1:gone' ? jest.fn(async () => { throw new WorkflowNotFoundError('gone', id, undefined); }) : signal }));
  const service = new AccountRunsService(accounts as unknown as AccountsRepository, leads as unknown as LeadsRepository, messages as unknown as MessagesRepository, { workflow: { getHandle } } as unknown as Client);
  return { service, leads, signal, getHandle };
}

describe('AccountRunsService', () => {
  it('does find every live run of the account: its lead runs, then its API sends still under way', async () => {
    const { service } = setup();
    const runs = [];
    for await (const run of service.liveRuns('ws', 'acc')) runs.push(run);
    expect(runs).toEqual([
      { workflowId: 'lead:c1:a', kind: 'lead', heldByAccount: false },
      { workflowId: 'lead:c1:b', kind: 'lead', heldByAccount: true },
      { workflowId: 'lead:c1:c', kind: 'lead', heldByAccount: false },
      { workflowId: 'send:ws:m1', kind: 'send', heldByAccount: false },
    ]);
  });

  it('does page through the leads of a large account', async () => {
    const full = Array.from({ length: 200 }, (_, i) => lead(`l${i}`, 'active'));
    const { service, leads } = setup('active', [full, [lead('last', 'active')]]);
    let n = 0;
    for await (const run of service.liveRuns('ws', 'acc')) if (run.kind === 'lead') n++;
    expect(n).toBe(201);
    expect(leads.listLiveForAccount).toHaveBeenLastCalledWith('ws', 'acc', 'l199', 200);
  });

  it('does tell every live run of the account what changed, wake the leads its usable account held, and skip runs that ended', async () => {
    const { service, signal, getHandle } = setup('active', [[lead('a', 'active'), lead('b', 'failed', 'ACCOUNT_CHECKPOINT: x'), lead('gone', 'failed', 'ACCOUNT_DISCONNECTED: x')]]);
    expect(await service.accountChanged('ws', 'acc', ['caps'])).toEqual([
      { workflowId: 'lead:c1:a', kind: 'lead', heldByAccount: false },
      { workflowId: 'lead:c1:b', kind: 'lead', heldByAccount: true },
      { workflowId: 'send:ws:m1', kind: 'send', heldByAccount: false },
    ]);
    expect(getHandle.mock.calls.map(([id]) => id)).toEqual(['lead:c1:a', 'lead:c1:b', 'lead:c1:gone', 'send:ws:m1']);
    expect(signal.mock.calls).toEqual([[accountChangedSignal, { changes: ['caps'] }], [accountChangedSignal, { changes: ['caps'] }], [leadRetryStepSignal], [accountChangedSignal, { changes: ['caps'] }]]);
  });

  it('does not retry held leads while the account still cannot send, and never throws', async () => {
    const { service, signal } = setup('disconnected');
    await service.accountChanged('ws', 'acc', ['caps']);
    expect(signal.mock.calls.map(([s]) => s)).not.toContain(leadRetryStepSignal);
    const broken = new AccountRunsService({ findInWorkspace: jest.fn(async () => Promise.reject(new Error('db down'))) } as unknown as AccountsRepository, {} as LeadsRepository, {} as MessagesRepository, {} as Client);
    await expect(broken.accountChanged('ws', 'acc', ['hold'])).resolves.toEqual([]);
  });
});
