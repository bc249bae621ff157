import { postgresSafe } from './postgres-text';

describe('postgresSafe', () => {
  it('does replace every NUL with U+FFFD and keep the length when a string carries NULs', () => {
    const text = 'Hi\u0000there\u0000\u0000!';
    const safe = postgresSafe(text);
    expect(safe).toBe('Hi\uFFFDthere\uFFFD\uFFFD!');
    expect(safe).toHaveLength(text.length);
  });

  it('does reach strings at any depth, keys included, when given rows with names and attachments', () => {
    const sentAt = new Date('2026-01-02T03:04:05Z');
    const row = {
      text: 'a\u0000b',
      senderName: 'Ann\u0000',
      attachments: [{ kind: 'file', name: 'cv\u0000.pdf', byteSize: 3, url: null }],
      participants: [{ name: 'Bo\u0000b', tags: ['x\u0000'] }],
      'key\u0000': true,
      sentAt,
    };
    const safe = postgresSafe(row);
    expect(JSON.stringify(safe)).not.toContain('\\u0000');
    expect(safe).toEqual({
      text: 'a\uFFFDb',
      senderName: 'Ann\uFFFD',
      attachments: [{ kind: 'file', name: 'cv\uFFFD.pdf', byteSize: 3, url: null }],
      participants: [{ name: 'Bo\uFFFDb', tags: ['x\uFFFD'] }],
      'key\uFFFD': true,
      sentAt,
    });
    expect(safe.sentAt).toBe(sentAt);
  });

  it('does leave values without NUL equal, and non-strings untouched', () => {
    const row = { text: 'plain', n: 1, ok: false, none: null, list: ['a'] };
    expect(postgresSafe(row)).toEqual(row);
    expect(postgresSafe(42)).toBe(42);
    expect(postgresSafe(null)).toBeNull();
    expect(postgresSafe(undefined)).toBeUndefined();
  });
});
