import { INFERRED_RESTRICTION_REASON, RESTRICTION_WINDOW, readsClearRestriction, restrictedByForbiddenWrites } from './restriction-window';

const NOW = new Date('2026-03-02T10:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const conv = (n: number) => `urn:li:msg_conversation:(urn:li:fsd_profile:ACoAAOwner0000000000000000000000000000,2-${n})`;

describe('restrictedByForbiddenWrites', () => {
  it('does not restrict when one conversation refused a write, however often', () => {
    expect(restrictedByForbiddenWrites([{ entityUrn: conv(1), at: ago(1) }], NOW)).toBe(false);
    const sameOne = Array.from({ length: 10 }, (_, i) => ({ entityUrn: conv(1), at: ago(i) }));
    expect(restrictedByForbiddenWrites(sameOne, NOW)).toBe(false);
  });

  it('does not restrict when two different conversations refused writes', () => {
    expect(restrictedByForbiddenWrites([{ entityUrn: conv(1), at: ago(2) }, { entityUrn: conv(2), at: ago(1) }], NOW)).toBe(false);
  });

  it('does restrict when three different conversations refused writes within the window', () => {
    const writes = [{ entityUrn: conv(3), at: ago(1) }, { entityUrn: conv(1), at: ago(29) }, { entityUrn: conv(2), at: ago(10) }];
    expect(restrictedByForbiddenWrites(writes, NOW)).toBe(true);
  });

  it('does not count refusals older than the window', () => {
    const writes = [{ entityUrn: conv(1), at: ago(31) }, { entityUrn: conv(2), at: ago(10) }, { entityUrn: conv(3), at: ago(1) }];
    expect(restrictedByForbiddenWrites(writes, NOW)).toBe(false);
    expect(restrictedByForbiddenWrites([{ entityUrn: conv(1), at: ago(30) }, ...writes.slice(1)], NOW)).toBe(false);
  });

  it('does not count refusals stamped after now (another process clock ahead)', () => {
    const writes = [{ entityUrn: conv(1), at: ago(-5) }, { entityUrn: conv(2), at: ago(1) }, { entityUrn: conv(3), at: ago(1) }];
    expect(restrictedByForbiddenWrites(writes, NOW)).toBe(false);
  });

  it('does follow the window it is given', () => {
    const writes = [{ entityUrn: conv(1), at: ago(1) }, { entityUrn: conv(2), at: ago(1) }];
    expect(restrictedByForbiddenWrites(writes, NOW, { distinctEntities: 2, windowMs: 60_000 * 5 })).toBe(true);
    expect(RESTRICTION_WINDOW).toEqual({ distinctEntities: 3, windowMs: 30 * 60_000 });
  });
});

describe('readsClearRestriction', () => {
  it('does let a read clear a restriction LinkedIn signalled or one set by mistake', () => {
    expect(readsClearRestriction('LinkedIn restricted the account')).toBe(true);
    expect(readsClearRestriction(null)).toBe(true);
  });

  it('does not let a read clear a restriction inferred from refused writes', () => {
    expect(readsClearRestriction(INFERRED_RESTRICTION_REASON)).toBe(false);
  });
});
