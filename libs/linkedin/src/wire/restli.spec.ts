import {
  decodeRestliKey,
  encodeRestli,
  encodeRestliIds,
  encodeRestliKeyForm,
  encodeRestliKeyPath,
  graphqlQueryString,
  parseRestli,
  parseRestliRecord,
  rawQueryParam,
  RestliSyntaxError,
} from './restli';

const CONV = 'urn:li:msg_conversation:(urn:li:fsd_profile:ACoAABcdEfGh1234567,2-YWJjZA==)';
const CONV_ENC = 'urn%3Ali%3Amsg_conversation%3A%28urn%3Ali%3Afsd_profile%3AACoAABcdEfGh1234567%2C2-YWJjZA%3D%3D%29';

describe('encodeRestli', () => {
  it('does percent-encode URNs including parentheses and commas when they are values', () => {
    expect(encodeRestli({ conversationUrn: CONV })).toBe(`(conversationUrn:${CONV_ENC})`);
  });

  it('does keep the tuple structure literal when nesting lists and records', () => {
    const encoded = encodeRestli({
      query: { predicateUnions: [{ conversationCategoryPredicate: { category: 'PRIMARY_INBOX' } }] },
      count: 20,
      mailboxUrn: 'urn:li:fsd_profile:ACoAA1',
    });
    expect(encoded).toBe(
      '(query:(predicateUnions:List((conversationCategoryPredicate:(category:PRIMARY_INBOX)))),count:20,mailboxUrn:urn%3Ali%3Afsd_profile%3AACoAA1)',
    );
  });

  it('does leave out undefined and null keys when encoding a record', () => {
    expect(encodeRestli({ a: 'x', b: undefined, c: null, d: false })).toBe('(a:x,d:false)');
  });

  it('does escape spaces, plus and the sub-delims that encodeURIComponent keeps', () => {
    expect(encodeRestli("a b+c!'*~")).toBe('a%20b%2Bc%21%27%2A~');
  });

  it('does encode an empty list when given an empty array', () => {
    expect(encodeRestli({ recipients: [] })).toBe('(recipients:List())');
  });
});

describe('parseRestli', () => {
  it('does round-trip what encodeRestli produced', () => {
    const value = {
      query: { predicateUnions: [{ conversationCategoryPredicate: { category: 'PRIMARY_INBOX' } }] },
      count: '20',
      mailboxUrn: 'urn:li:fsd_profile:ACoAA1',
      recipients: [CONV, 'urn:li:fsd_profile:ACoAA2'],
    };
    expect(parseRestli(encodeRestli(value))).toEqual(value);
  });

  it('does accept raw, unencoded URNs with parentheses when a client sends them unescaped', () => {
    expect(parseRestliRecord(`(conversationUrn:${CONV},count:5)`)).toEqual({ conversationUrn: CONV, count: '5' });
  });

  it('does accept variables in any order when keys are shuffled', () => {
    const a = parseRestliRecord('(count:20,mailboxUrn:urn%3Ali%3Afsd_profile%3AX)');
    const b = parseRestliRecord('(mailboxUrn:urn%3Ali%3Afsd_profile%3AX,count:20)');
    expect(a).toEqual(b);
  });

  it('does decode a fully percent-encoded tuple when the structure itself was escaped', () => {
    expect(parseRestliRecord('%28count%3A20%29')).toEqual({ count: '20' });
  });

  it('does keep a raw sync token with plus and equals signs when it is not encoded', () => {
    expect(parseRestliRecord('(mailboxUrn:x,syncToken:ab+c/d==)')).toEqual({ mailboxUrn: 'x', syncToken: 'ab+c/d==' });
  });

  it('does parse empty lists and records when they have no items', () => {
    expect(parseRestliRecord('(a:List(),b:())')).toEqual({ a: [], b: {} });
  });

  it('does throw RestliSyntaxError when parentheses are unbalanced', () => {
    expect(() => parseRestli('(a:List(b)')).toThrow(RestliSyntaxError);
    expect(() => parseRestli('(a:b))')).toThrow(RestliSyntaxError);
  });

  it('does throw when a record was expected but a scalar came', () => {
    expect(() => parseRestliRecord('abc')).toThrow(RestliSyntaxError);
  });
});

describe('REST.li keys', () => {
  it('does encode form-style keys with colons escaped', () => {
    expect(encodeRestliKeyForm(CONV)).toBe(CONV_ENC);
  });

  it('does encode path-style keys with colons literal and parentheses escaped', () => {
    expect(encodeRestliKeyPath('urn:li:msg_message:(urn:li:fsd_profile:A,2-x)')).toBe(
      'urn:li:msg_message:%28urn:li:fsd_profile:A%2C2-x%29',
    );
  });

  it('does decode both key styles to the same URN', () => {
    expect(decodeRestliKey(encodeRestliKeyForm(CONV))).toBe(CONV);
    expect(decodeRestliKey(encodeRestliKeyPath(CONV))).toBe(CONV);
  });

  it('does build a raw ids list with each key form-encoded', () => {
    expect(encodeRestliIds([CONV, 'urn:li:x:1'])).toBe(`List(${CONV_ENC},urn%3Ali%3Ax%3A1)`);
  });
});

describe('query strings', () => {
  it('does build a graphql query string with the variables unescaped structurally', () => {
    expect(graphqlQueryString('messengerConversations.abc', { mailboxUrn: 'urn:li:fsd_profile:A' })).toBe(
      'queryId=messengerConversations.abc&variables=(mailboxUrn:urn%3Ali%3Afsd_profile%3AA)',
    );
  });

  it('does return the raw undecoded parameter when reading a query string', () => {
    const search = `?queryId=q.1&variables=(conversationUrn:${CONV_ENC})`;
    expect(rawQueryParam(search, 'variables')).toBe(`(conversationUrn:${CONV_ENC})`);
    expect(rawQueryParam(search, 'missing')).toBeUndefined();
  });
});
