import { decodeCursor, encodeCursor } from './inbox-cursor';

describe('inbox cursors', () => {
  const position = { at: new Date('2026-11-25T10:00:00.123Z'), id: '0b7f2a52-8a57-4b61-9d0c-2f8f6f3e9a11' };

  it('round-trips a position when encoded then decoded', () => {
    const cursor = encodeCursor(position);
    expect(cursor.startsWith('linkedin:')).toBe(true);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('refuses a cursor without the prefix, naming the field', () => {
    expect(() => decodeCursor('abc', 'nextCursor')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'nextCursor' }));
  });

  it('refuses a tampered cursor', () => {
    const tampered = 'linkedin:' + Buffer.from('12.not-a-uuid').toString('base64url');
    expect(() => decodeCursor(tampered)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
