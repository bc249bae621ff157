import { linkedinMemberKey, memberKeyOf } from './member-key';

const urn = 'urn:li:fsd_profile:ACoAAB1234567890abcdefghij';

describe('linkedinMemberKey', () => {
  it('gives the same key to one member connected twice, with or without a trailing slash on the base URL', () => {
    expect(linkedinMemberKey('https://www.linkedin.com', urn)).toBe(linkedinMemberKey('https://www.linkedin.com/', urn));
  });

  it('gives different keys to different members and to the same URN on another LinkedIn', () => {
    const key = linkedinMemberKey('https://www.linkedin.com', urn);
    expect(linkedinMemberKey('https://www.linkedin.com', `${urn}X`)).not.toBe(key);
    expect(linkedinMemberKey('http://127.0.0.1:3100', urn)).not.toBe(key);
  });

  it('is short and does not contain the profile URN', () => {
    const key = linkedinMemberKey('https://www.linkedin.com', urn);
    expect(key).toMatch(/^member:[0-9a-f]{16}$/);
    expect(key).not.toContain('ACoAA');
  });

  it('keeps its formula, which the SQL backfill of the member-quota migration repeats', () => {
    expect(linkedinMemberKey('https://www.linkedin.com', urn)).toBe('member:d232978c5182c415');
  });
});

describe('memberKeyOf', () => {
  it('puts an account without a base URL on the default LinkedIn, the same member as one that names it', () => {
    expect(memberKeyOf({ baseUrl: null, profileUrn: urn }, 'https://www.linkedin.com')).toBe(memberKeyOf({ baseUrl: 'https://www.linkedin.com', profileUrn: urn }, 'http://elsewhere'));
  });
});
