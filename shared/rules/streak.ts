import { calendarDate } from './quota';

/**
 * Calendar-day arithmetic and the grading streak, as pure functions both sides can run.
 *
 * Days are `YYYY-MM-DD` strings naming a date on the teacher's wall calendar. Instants become days
 * through the teacher's IANA time zone (Intl, so daylight-saving shifts are handled by the
 * runtime's zone data); after that, all arithmetic is on dates, never on instants, so a 23- or
 * 25-hour day can never skip or repeat a day.
 */

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;

/** What a day key looks like (stored map keys are checked against it). */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const MS_PER_DAY = 86_400_000;

/** The calendar day of an instant in a time zone (an unknown zone counts in UTC). */
export function localDay(at: Date, timeZone: string): Day {
  const { year, month, day } = calendarDate(at, timeZone);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Midnight UTC of a day: a stable number for date arithmetic (not the teacher's midnight). */
function dayNumber(day: Day): number {
  if (!DAY_PATTERN.test(day)) throw new Error(`not a day: ${day}`);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

function fromDayNumber(n: number): Day {
  const d = new Date(n * MS_PER_DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The day `n` days after `day` (negative: before). */
export function addDays(day: Day, n: number): Day {
  return fromDayNumber(dayNumber(day) + n);
}

/** How many days `to` is after `from` (negative when before). */
export function daysBetween(from: Day, to: Day): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: Day): number {
  return new Date(dayNumber(day) * MS_PER_DAY).getUTCDay();
}

/** The Sunday on or before `day` (weeks start on Sunday, as on GitHub's chart and US calendars). */
export function startOfWeek(day: Day): Day {
  return addDays(day, -dayOfWeek(day));
}

/** Whole calendar months from the month of `from` to the month of `to`, counting both (≥ 1). */
export function monthsSpanned(from: Day, to: Day): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return Math.max(1, (ty - fy) * 12 + (tm - fm) + 1);
}

export interface Streak {
  /**
   * Consecutive active days ending today, or ending yesterday when today has no activity yet: a
   * streak is not broken until the teacher's day is over.
   */
  current: number;
  /** The longest run of consecutive active days seen (at least `current`). */
  longest: number;
  /** The latest active day, or null when there is none. */
  lastActiveDay: Day | null;
}

/**
 * The streak over a set of active days, seen from `today` (the teacher's current calendar day).
 * `carriedLongest` is a longest streak remembered from days no longer in the set (pruned history).
 * Days after `today` (possible right after a teacher moves west) count for `longest` and
 * `lastActiveDay` but cannot extend the current streak.
 */
export function computeStreak(activeDays: Iterable<Day>, today: Day, carriedLongest = 0): Streak {
  const numbers = [...new Set([...activeDays].map(dayNumber))].sort((a, b) => a - b);
  if (numbers.length === 0) return { current: 0, longest: carriedLongest, lastActiveDay: null };

  let longest = 0;
  let run = 0;
  let previous = Number.NaN;
  for (const n of numbers) {
    run = n === previous + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = n;
  }

  const todayNumber = dayNumber(today);
  const present = new Set(numbers);
  let anchor = present.has(todayNumber) ? todayNumber : present.has(todayNumber - 1) ? todayNumber - 1 : undefined;
  let current = 0;
  while (anchor !== undefined && present.has(anchor)) {
    current += 1;
    anchor -= 1;
  }
  return {
    current,
    longest: Math.max(longest, carriedLongest, current),
    lastActiveDay: fromDayNumber(numbers[numbers.length - 1]!),
  };
}
