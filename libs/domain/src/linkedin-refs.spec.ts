import fc from 'fast-check';
import { conversationUrnProblem, isConversationUrn, LEAD_PROFILE_KINDS, personRefKind, personRefProblem } from './linkedin-refs';
import { profileKeyOf } from './sequences/profile-key';

const ID = 'ACoAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD';
const SALES_ID = 'ACwAA8DklZDOCj2ISaJiHkTj0rLGlkoMXGjtEkD';
const THREAD = '2-YWJjZGVmLTEyMzRfMTAw';

const base64url = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
const profileId = fc.array(base64url, { minLength: 34, maxLength: 34 }).map((chars) => `ACoAA${chars.join('')}`);
// Any code point, controls and lone surrogates included (the 'binary' unit is far slower to generate).
const codePoint = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c));
const vanity = fc
  .stringMatching(/^[a-z0-9-]{3,100}$/)
  .filter((v) => /[a-z0-9]/.test(v) && !/^acoaa/i.test(v) && !/^\d+$/.test(v));

describe('personRefKind', () => {
  it('accepts every form the product takes today, when it is well formed', () => {
    expect(personRefKind(`urn:li:fsd_profile:${ID}`)).toBe('profile_urn');
    expect(personRefKind(`urn:li:fs_miniProfile:${ID}`)).toBe('profile_urn');
    expect(personRefKind(`urn:li:person:${ID}`)).toBe('profile_urn');
    expect(personRefKind(ID)).toBe('profile_id');
    expect(personRefKind('urn:li:member:100000009')).toBe('member');
    expect(personRefKind('100000009')).toBe('member');
    expect(personRefKind(`urn:li:fs_salesProfile:(${SALES_ID},NAME_SEARCH,emu)`)).toBe('sales_profile_urn');
    for (const url of [
      'https://www.linkedin.com/in/sarah-chen',
      'https://www.linkedin.com/in/sarah-chen/',
      'http://linkedin.com/in/sarah-chen?originalSubdomain=uk',
      'https://de.linkedin.com/in/sarah-chen/details/experience/#top',
      'www.linkedin.com/in/sarah-chen',
      'linkedin.com/in/sarah-chen',
      `https://www.linkedin.com/in/${ID}`,
      'https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller',
    ]) expect([url, personRefKind(url)]).toEqual([url, 'profile_url']);
    expect(personRefKind('sarah-chen-emu')).toBe('vanity');
    expect(personRefKind('jürgen-müller')).toBe('vanity');
    expect(personRefKind('abc')).toBe('vanity');
  });

  it('refuses garbage, placeholders, truncated ids and other sites', () => {
    for (const bad of [
      'urn:li:person:ACoAA...',
      'urn:li:fsd_profile:ACoAA…',
      'ACoAA...',
      'ACoAA',
      `urn:li:fsd_profile:${ID.slice(0, -1)}`,
      `urn:li:fsd_profile:${ID}x`,
      `urn:li:fsd_profile:${ID}\n`,
      `urn:li:fsd_profile:\n${ID}`,
      'sarah\nchen',
      ' sarah-chen',
      'javascript:alert(1)',
      '👋👋👋',
      'sarah👋chen',
      '',
      '   ',
      'ab',
      'a'.repeat(101),
      '---',
      'https://example.com/in/sarah-chen',
      'https://linkedin.com.evil.example/in/sarah-chen',
      'https://evil-linkedin.com/in/sarah-chen',
      'https://a.b.linkedin.com/in/sarah-chen',
      'https://evil.example/?u=linkedin.com/in/sarah-chen',
      'https://www.linkedin.com/company/acme',
      'https://www.linkedin.com/in/',
      'https://user:pw@www.linkedin.com/in/sarah-chen',
      'ftp://www.linkedin.com/in/sarah-chen',
      `https://www.linkedin.com/sales/lead/${SALES_ID},NAME_SEARCH,emu`,
      `urn:li:fs_profile:${ID}`,
      'urn:li:member:abc',
      `urn:li:fs_salesProfile:(${ID},NAME_SEARCH,emu)`,
      '<script>alert(1)</script>',
    ]) expect([bad, personRefKind(bad)]).toEqual([bad, null]);
  });
});

describe('personRefProblem', () => {
  it('says what is wrong, without echoing the value', () => {
    expect(personRefProblem(`urn:li:fsd_profile:${ID}`)).toBeNull();
    expect(personRefProblem('urn:li:person:ACoAA...')).toContain('placeholder');
    expect(personRefProblem('https://www.linkedin.com/in/ACoAA...')).toContain('placeholder');
    expect(personRefProblem(`${ID}\n`)).toContain('line breaks');
    expect(personRefProblem('')).toContain('is empty');
    expect(personRefProblem('javascript:alert(1)')).toContain('not a LinkedIn profile URL');
    expect(personRefProblem('https://example.com/in/x')).toContain('not a LinkedIn profile URL');
    expect(personRefProblem('urn:li:company:1')).toContain('not a supported LinkedIn person URN');
    expect(personRefProblem('👋')).toContain('not a LinkedIn vanity name');
    expect(personRefProblem('javascript:alert(1)')).not.toContain('alert');
  });

  it('takes a Sales Navigator profile URN for a send but not for a lead', () => {
    const sales = `urn:li:fs_salesProfile:(${SALES_ID},NAME_SEARCH,emu)`;
    expect(personRefProblem(sales)).toBeNull();
    expect(personRefProblem(sales, LEAD_PROFILE_KINDS)).toContain('Sales Navigator profile URN, which cannot be used here');
  });

  it('accepts every spelling of any profile id, and they all key to the same person', () => {
    fc.assert(
      fc.property(profileId, (id) => {
        const spellings = [id, `urn:li:fsd_profile:${id}`, `urn:li:fs_miniProfile:${id}`, `urn:li:person:${id}`, `https://www.linkedin.com/in/${id}/`];
        for (const s of spellings) expect(personRefProblem(s, LEAD_PROFILE_KINDS)).toBeNull();
        expect(new Set(spellings.map(profileKeyOf))).toEqual(new Set([id]));
      }),
    );
  });

  it('accepts any vanity name, bare or in a profile URL, and both key to the same person', () => {
    fc.assert(
      fc.property(vanity, fc.constantFrom('https://www.', 'http://', '', 'https://fr.'), (v, prefix) => {
        const url = `${prefix}linkedin.com/in/${v}`;
        expect(personRefKind(v)).toBe('vanity');
        expect(personRefKind(url)).toBe('profile_url');
        expect(profileKeyOf(url)).toBe(profileKeyOf(v));
      }),
    );
  });

  it('refuses any truncated or padded profile id, in every spelling, as a placeholder or shortened id', () => {
    fc.assert(
      fc.property(profileId, fc.integer({ min: 5, max: 38 }), fc.constantFrom('', '...', '…', 'x'), (id, length, tail) => {
        const broken = tail === 'x' ? `${id}x` : `${id.slice(0, length)}${tail}`;
        for (const s of [broken, `urn:li:fsd_profile:${broken}`, `urn:li:person:${broken}`, `https://www.linkedin.com/in/${broken}`]) {
          expect(personRefKind(s)).toBeNull();
          expect(personRefProblem(s)).toContain('placeholder');
        }
      }),
    );
  });

  it('refuses any value with whitespace or a control character anywhere', () => {
    const valid = fc.oneof(profileId, profileId.map((id) => `urn:li:fsd_profile:${id}`), vanity, vanity.map((v) => `https://www.linkedin.com/in/${v}`));
    const bad = fc.constantFrom(' ', '\n', '\r', '\t', '\u0000', '\u200b', '\u00a0', '\u2028', '\u001b');
    fc.assert(
      fc.property(valid, bad, fc.nat(), (value, ch, at) => {
        const i = at % (value.length + 1);
        const s = `${value.slice(0, i)}${ch}${value.slice(i)}`;
        expect(personRefKind(s)).toBeNull();
        expect(conversationUrnProblem(s)).not.toBeNull();
      }),
    );
  });

  it('agrees with personRefKind on any string, and every problem is a phrase that follows a field name', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: codePoint, maxLength: 60 }), fc.webUrl(), vanity), (s) => {
        const problem = personRefProblem(s);
        expect(problem === null).toBe(personRefKind(s) !== null);
        if (problem) expect(problem).toMatch(/^(is|contains|holds) /);
      }),
      { numRuns: 500 },
    );
  });

  it('takes no URL of another host as a profile URL', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const host = new URL(url).hostname;
        fc.pre(host !== 'linkedin.com' && !host.endsWith('.linkedin.com'));
        expect(personRefKind(url)).toBeNull();
      }),
    );
  });
});

describe('conversation URNs', () => {
  it('accepts a mailbox conversation, the shared thread forms and a Sales Navigator thread', () => {
    expect(isConversationUrn(`urn:li:msg_conversation:(urn:li:fsd_profile:${ID},${THREAD})`)).toBe(true);
    expect(isConversationUrn('urn:li:msg_conversation:(urn:li:fsd_profile:ACoAAU8JZpDE0iGXlD6gNCFbaEPFjbD0kH8Oool,2-YTc4MjJhNjgtNjE5ZS00ZDk2LWIzN2QtNjk2YmE5NmE0ODVhXzEwMA==)')).toBe(true);
    expect(isConversationUrn(`urn:li:messagingThread:${THREAD}`)).toBe(true);
    expect(isConversationUrn(`urn:li:fsd_conversation:${THREAD}`)).toBe(true);
    expect(isConversationUrn(`urn:li:salesNav_thread:${THREAD}`)).toBe(true);
  });

  it('refuses placeholders, garbage and line breaks, saying why', () => {
    for (const bad of [
      'urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA…,2-…)',
      `urn:li:msg_conversation:(urn:li:fsd_profile:${ID})`,
      `urn:li:msg_conversation:(urn:li:fsd_profile:${ID},${THREAD})\n`,
      `urn:li:msg_conversation:(urn:li:fsd_profile:${ID},abc)`,
      `urn:li:msg_message:(urn:li:fsd_profile:${ID},${THREAD})`,
      'urn:li:salesNav_thread:',
      'urn:li:salesNav_thread:a b',
      THREAD,
      'hello',
    ]) expect([bad, isConversationUrn(bad)]).toEqual([bad, false]);
    expect(conversationUrnProblem('urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA…,2-…)')).toContain('placeholder');
    expect(conversationUrnProblem(`urn:li:messagingThread:${THREAD}\n`)).toContain('line breaks');
    expect(conversationUrnProblem('hello')).toContain('must be a conversation URN');
  });
});
