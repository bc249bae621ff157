import type { LinkedinAccountEntity } from '@threadline/db';
import { quotaByWorkspace } from './state-metrics';

const account = (workspaceId: string, status: string, cap: number) => ({ workspaceId, status, dailyMessageCap: cap }) as unknown as LinkedinAccountEntity;

describe('quotaByWorkspace', () => {
  it('sums the caps of accounts that can send and the units spent, per workspace and kind', () => {
    const rows = quotaByWorkspace(
      [account('w1', 'active', 100), account('w1', 'on_hold', 50), account('w1', 'disconnected', 70), account('w2', 'warming', 10)],
      [{ workspaceId: 'w1', kind: 'message', used: 12 }, { workspaceId: 'w3', kind: 'message', used: 2 }],
      (a, kind) => (kind === 'message' ? a.dailyMessageCap! : 5),
    );
    expect(rows).toEqual(expect.arrayContaining([
      { workspaceId: 'w1', kind: 'message', cap: 150, used: 12 },
      { workspaceId: 'w1', kind: 'inmail', cap: 10, used: 0 },
      { workspaceId: 'w1', kind: 'invitation', cap: 10, used: 0 },
      { workspaceId: 'w2', kind: 'message', cap: 10, used: 0 },
      // Spent by accounts since disconnected or deleted: still counted, against no capacity.
      { workspaceId: 'w3', kind: 'message', cap: 0, used: 2 },
    ]));
    // message, inmail and invitation for w1 and w2, and w3's message.
    expect(rows).toHaveLength(7);
  });
});
