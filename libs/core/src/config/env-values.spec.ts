import fc from 'fast-check';
import { parseBoolean, parseDecimal } from './env-values';

describe('parseBoolean', () => {
  it('reads the six words in any case, and nothing else', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const expected = ['true', '1', 'yes'].includes(raw.toLowerCase()) ? true : ['false', '0', 'no'].includes(raw.toLowerCase()) ? false : undefined;
        expect(parseBoolean(raw)).toBe(expected);
      }),
    );
    expect(parseBoolean('YeS')).toBe(true);
    expect(parseBoolean('nO')).toBe(false);
  });
});

describe('parseDecimal', () => {
  it('reads every integer and decimal written plainly', () => {
    fc.assert(fc.property(fc.integer(), (n) => expect(parseDecimal(String(n))).toBe(n)));
    fc.assert(fc.property(fc.nat(), fc.nat({ max: 999 }), (i, f) => expect(parseDecimal(`${i}.${f}`)).toBe(Number(`${i}.${f}`))));
  });

  it('refuses what Number() would quietly turn into a number or NaN', () => {
    for (const raw of ['', ' ', '12abc', '0x10', '0b1', '1e3', ' 1', '1 ', 'Infinity', '-Infinity', 'NaN', '1_000', '1,5', '--1', '.', '1.']) expect(parseDecimal(raw)).toBeUndefined();
  });
});
