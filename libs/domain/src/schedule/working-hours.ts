import { DateTime, IANAZone } from 'luxon';

/** When a sender may act: ISO weekdays (1 = Monday … 7 = Sunday) between two local times, in an IANA zone. */
export interface WorkingHours {
  timeZone: string;
  days: number[];
  /** "HH:mm", local time. */
  start: string;
  /** "HH:mm" after start, or "24:00". */
  end: string;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { timeZone: 'UTC', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };

const HH_MM = /^([01]\d|2[0-4]):([0-5]\d)$/;

function minutesOf(hhmm: string): number {
  const m = HH_MM.exec(hhmm)!;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The first problem with a working-hours setting (field and message), or null. */
export function checkWorkingHours(hours: WorkingHours): { field: string; message: string } | null {
  if (!IANAZone.isValidZone(hours.timeZone)) return { field: 'timeZone', message: `"${hours.timeZone}" is not an IANA time zone (e.g. "Europe/Berlin")` };
  if (!Array.isArray(hours.days) || hours.days.length === 0 || hours.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    return { field: 'days', message: 'must list ISO weekdays, 1 (Monday) to 7 (Sunday)' };
  }
  if (!HH_MM.test(hours.start) || minutesOf(hours.start) >= 24 * 60) return { field: 'start', message: 'must be a local time "HH:mm"' };
  if (!HH_MM.test(hours.end) || minutesOf(hours.end) > 24 * 60) return { field: 'end', message: 'must be a local time "HH:mm" (or "24:00")' };
  if (minutesOf(hours.end) <= minutesOf(hours.start)) return { field: 'end', message: 'must be after start' };
  return null;
}

/** The local opening and closing instants of one calendar day; Luxon moves a time inside a DST gap forward. */
function windowOf(day: DateTime, hours: WorkingHours): { open: number; close: number } {
  const at = (minutes: number) => (minutes >= 24 * 60 ? day.plus({ days: 1 }).startOf('day') : day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 }));
  return { open: at(minutesOf(hours.start)).toMillis(), close: at(minutesOf(hours.end)).toMillis() };
}

/**
 * The first instant at or after `atMs` inside the working hours: `atMs` itself when the window is
 * open, else the next opening. Computed on the local calendar, so it is right across DST changes.
 */
export function nextAllowedInstant(hours: WorkingHours, atMs: number): number {
  const today = DateTime.fromMillis(atMs, { zone: hours.timeZone }).startOf('day');
  for (let i = 0; i < 15; i++) {
    const day = today.plus({ days: i });
    if (!hours.days.includes(day.weekday)) continue;
    const { open, close } = windowOf(day, hours);
    if (atMs < open) return open;
    if (atMs < close) return atMs;
  }
  throw new Error('working hours have no open day'); // unreachable after checkWorkingHours
}

/** When the working window open at `atMs` closes; null when the window is closed at `atMs`. */
export function windowClosesAt(hours: WorkingHours, atMs: number): number | null {
  const open = nextAllowedInstant(hours, atMs);
  if (open !== atMs) return null;
  const today = DateTime.fromMillis(atMs, { zone: hours.timeZone }).startOf('day');
  return windowOf(today, hours).close;
}

/**
 * `days` working days after `atMs`, at the same local time of day, then moved into the window:
 * Friday 15:00 + 1 business day is Monday 15:00 local, whatever the UTC offset did in between.
 */
export function addBusinessDays(hours: WorkingHours, atMs: number, days: number): number {
  let day = DateTime.fromMillis(atMs, { zone: hours.timeZone });
  let left = days;
  while (left > 0) {
    day = day.plus({ days: 1 });
    if (hours.days.includes(day.weekday)) left -= 1;
  }
  return nextAllowedInstant(hours, day.toMillis());
}
