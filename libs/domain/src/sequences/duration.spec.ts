import { parseDuration } from './duration';

describe('parseDuration', () => {
  it('reads every unit', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('3d')).toBe(259_200_000);
    expect(parseDuration('1w')).toBe(604_800_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration(1200)).toBe(1200);
  });

  it('returns null when the value is malformed or negative', () => {
    expect(parseDuration('3 days')).toBeNull();
    expect(parseDuration('')).toBeNull();
    expect(parseDuration(-1)).toBeNull();
    expect(parseDuration(undefined)).toBeNull();
  });
});
