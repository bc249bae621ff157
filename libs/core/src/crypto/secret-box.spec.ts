import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32).toString('base64'));

  it('round-trips a secret when sealed and opened with the same key', () => {
    const sealed = box.seal('li_at=AQEDAT…');
    expect(sealed).not.toContain('li_at');
    expect(box.open(sealed)).toBe('li_at=AQEDAT…');
  });

  it('produces a different envelope each time the same secret is sealed', () => {
    expect(box.seal('x')).not.toBe(box.seal('x'));
  });

  it('refuses to open when the ciphertext was tampered with', () => {
    const parts = box.seal('secret').split('.');
    parts[3] = Buffer.from('forged').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
  });

  it('refuses to open when another key sealed it', () => {
    const other = new SecretBox(randomBytes(32).toString('base64'));
    expect(() => other.open(box.seal('secret'))).toThrow();
  });

  it('rejects a key that is not 32 bytes when constructed', () => {
    expect(() => new SecretBox(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
