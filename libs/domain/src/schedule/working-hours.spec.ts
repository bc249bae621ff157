import { addBusinessDays, checkWorkingHours, nextAllowedInstant, windowClosesAt, type WorkingHours } from './working-hours';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => Date.parse(s);
const weekdays = (timeZone: string, start = '09:00', end = '17:00'): WorkingHours => ({ timeZone, days: [1, 2, 3, 4, 5], start, end });

describe('nextAllowedInstant', () => {
  it('returns the instant itself inside the window', () => {
    expect(iso(nextAllowedInstant(weekdays('UTC'), at('2026-03-04T10:15:00Z')))).toBe('2026-03-04T10:15:00.000Z');
  });

  it('opens Monday 09:00 EDT after a Friday evening EST (America/New_York springs forward on 2026-03-08)', () => {
    // Friday 18:00 EST = 23:00Z; Monday 09:00 is now UTC-4, so 13:00Z (not 14:00Z).
    expect(iso(nextAllowedInstant(weekdays('America/New_York'), at('2026-03-06T23:00:00Z')))).toBe('2026-03-09T13:00:00.000Z');
  });

  it('opens Monday 09:00 CEST after a Friday evening CET (Europe/Berlin springs forward on 2026-03-29)', () => {
    expect(iso(nextAllowedInstant(weekdays('Europe/Berlin'), at('2026-03-27T17:00:00Z')))).toBe('2026-03-30T07:00:00.000Z');
  });

  it('opens Monday 09:00 CET after Europe/Berlin falls back on 2026-10-25', () => {
    expect(iso(nextAllowedInstant(weekdays('Europe/Berlin'), at('2026-10-23T16:30:00Z')))).toBe('2026-10-26T08:00:00.000Z');
  });

  it('moves an opening inside the spring-forward gap to the first real instant after it', () => {
    // 02:30 does not exist in New York on 2026-03-08; the window opens at 03:30 EDT = 07:30Z.
    const hours: WorkingHours = { timeZone: 'America/New_York', days: [7], start: '02:30', end: '05:00' };
    expect(iso(nextAllowedInstant(hours, at('2026-03-08T05:00:00Z')))).toBe('2026-03-08T07:30:00.000Z');
  });

  it('opens at the first 01:30 of the repeated hour when New York falls back (2026-11-01)', () => {
    const hours: WorkingHours = { timeZone: 'America/New_York', days: [7], start: '01:30', end: '03:00' };
    expect(iso(nextAllowedInstant(hours, at('2026-11-01T04:00:00Z')))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('waits past the close until the next open day', () => {
    const hours: WorkingHours = { timeZone: 'Asia/Tokyo', days: [2, 4], start: '10:00', end: '12:00' };
    // Tuesday 2026-03-03 13:00 JST → Thursday 10:00 JST = 01:00Z.
    expect(iso(nextAllowedInstant(hours, at('2026-03-03T04:00:00Z')))).toBe('2026-03-05T01:00:00.000Z');
  });

  it('treats 24:00 as the end of the day', () => {
    const hours: WorkingHours = { timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' };
    expect(iso(nextAllowedInstant(hours, at('2026-03-04T23:59:59Z')))).toBe('2026-03-04T23:59:59.000Z');
  });
});

describe('windowClosesAt', () => {
  it('answers the local close of the window open now, and null while it is closed', () => {
    expect(iso(windowClosesAt(weekdays('Europe/Berlin'), at('2026-03-04T10:15:00Z'))!)).toBe('2026-03-04T16:00:00.000Z');
    expect(windowClosesAt(weekdays('UTC'), at('2026-03-04T18:00:00Z'))).toBeNull();
    expect(windowClosesAt(weekdays('UTC'), at('2026-03-07T10:00:00Z'))).toBeNull(); // a Saturday
    expect(iso(windowClosesAt({ timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00' }, at('2026-03-04T10:00:00Z'))!)).toBe('2026-03-05T00:00:00.000Z');
  });
});

describe('addBusinessDays', () => {
  it('keeps the local time across the DST change: Friday 10:00 EST + 1 = Monday 10:00 EDT', () => {
    expect(iso(addBusinessDays(weekdays('America/New_York'), at('2026-03-06T15:00:00Z'), 1))).toBe('2026-03-09T14:00:00.000Z');
  });

  it('skips non-working days: Thursday + 2 business days = Monday (Berlin, over the DST weekend)', () => {
    expect(iso(addBusinessDays(weekdays('Europe/Berlin'), at('2026-03-26T10:00:00Z'), 2))).toBe('2026-03-30T09:00:00.000Z');
  });

  it('moves a result outside the window to the next opening', () => {
    // Monday 20:00 UTC + 1 = Tuesday 20:00, closed → Wednesday 09:00.
    expect(iso(addBusinessDays(weekdays('UTC'), at('2026-03-02T20:00:00Z'), 1))).toBe('2026-03-04T09:00:00.000Z');
  });
});

describe('checkWorkingHours', () => {
  it('names the field at fault', () => {
    expect(checkWorkingHours({ ...weekdays('Mars/Olympus') })?.field).toBe('timeZone');
    expect(checkWorkingHours({ ...weekdays('UTC'), days: [0] })?.field).toBe('days');
    expect(checkWorkingHours({ ...weekdays('UTC', '9:00') })?.field).toBe('start');
    expect(checkWorkingHours({ ...weekdays('UTC', '10:00', '09:00') })).toEqual({ field: 'end', message: 'must be after start' });
    expect(checkWorkingHours(weekdays('Europe/Berlin'))).toBeNull();
  });
});
