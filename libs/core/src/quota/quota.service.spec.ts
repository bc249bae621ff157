import type { LinkedinAccountEntity, QuotaRepository } from '@threadline/db';
import type { CoreConfig } from '../config/config';
import { QuotaService } from './quota.service';

const config = { LINKEDIN_BASE_URL: 'https://www.linkedin.com', DAILY_MESSAGE_CAP: 100, WEEKLY_MESSAGE_CAP: 400, DAILY_INMAIL_CAP: 40 } as CoreConfig;
const profileUrn = 'urn:li:fsd_profile:ACoAAMember';
const account = (fields: Partial<LinkedinAccountEntity>) => ({ holdUntil: null, dailyMessageCap: null, baseUrl: null, profileUrn, ...fields }) as LinkedinAccountEntity;

function service() {
  const repo = {
    reserve: jest.fn(async () => ({ granted: true, used: 1, limit: 100, resetAt: new Date() })),
    usage: jest.fn(async (_memberKey: string) => 0),
  };
  return { quota: new QuotaService(repo as unknown as QuotaRepository, config), repo };
}

describe('QuotaService', () => {
  it('reserves and counts under one key for one LinkedIn member connected in two workspaces', async () => {
    const { quota, repo } = service();
    const inA = account({ id: 'a', workspaceId: 'wsA' });
    const inB = account({ id: 'b', workspaceId: 'wsB', baseUrl: 'https://www.linkedin.com/' });
    await quota.reserve(inA, 'message', 'op-1');
    await quota.reserve(inB, 'message', 'op-2');
    await quota.status(inB, 'message');
    const [[, , keyA], [, , keyB]] = repo.reserve.mock.calls as unknown as Array<[string, string, string]>;
    expect(keyA).toBe(keyB);
    expect(repo.usage.mock.calls.every(([key]) => key === keyA)).toBe(true);
  });

  it('keeps members apart: another profile on the same LinkedIn has its own key', () => {
    const { quota } = service();
    expect(quota.memberKey(account({ profileUrn: 'urn:li:fsd_profile:ACoAAOther' }))).not.toBe(quota.memberKey(account({})));
  });

  it('bounds the member\'s total by the calling account\'s own daily cap', () => {
    const { quota } = service();
    const [day] = quota.windows(account({ dailyMessageCap: 2 }), 'message', new Date());
    expect(day!.limit).toBe(2);
  });
});
