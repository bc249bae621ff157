import { isValidTrackingId, mintTrackingId } from './tracking-id';

describe('trackingId', () => {
  it('does mint 16 chars each at most U+00FF when called without bytes', () => {
    for (let i = 0; i < 50; i++) expect(isValidTrackingId(mintTrackingId())).toBe(true);
  });

  it('does map each byte to one latin-1 char when given bytes', () => {
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => 240 + i);
    expect(mintTrackingId(bytes)).toBe(String.fromCharCode(...bytes));
  });

  it('does reject a UUID, base64 and chars above U+00FF when validating', () => {
    expect(isValidTrackingId('0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0')).toBe(false);
    expect(isValidTrackingId('YWJjZGVmZ2hpamtsbW5vcA==')).toBe(false);
    expect(isValidTrackingId('abcdefghijklmnoĀ')).toBe(false);
    expect(isValidTrackingId('abcdefghijklmnop')).toBe(true);
  });

  it('does throw when given the wrong number of bytes', () => {
    expect(() => mintTrackingId(new Uint8Array(8))).toThrow(RangeError);
  });
});
