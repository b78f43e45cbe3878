import { z } from 'zod';

/** A UTC calendar day, YYYY-MM-DD (the rollups' key). */
export type Day = string;

export const dayOf = (d: Date): Day => d.toISOString().slice(0, 10);

export function addDays(day: Day, n: number): Day {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return dayOf(d);
}

/** Every day from..to inclusive. */
export function daysBetween(from: Day, to: Day): Day[] {
  const out: Day[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export const PERIOD_IDS = ['today', '7d', '30d', 'month'] as const;
export type PeriodId = (typeof PERIOD_IDS)[number];
export const PeriodSchema = z.enum(PERIOD_IDS);

export interface Period {
  id: PeriodId;
  label: string;
  from: Day;
  to: Day;
}

/**
 * The dashboard's periods, in UTC days (the rollups' days) ending today: today, the last 7 and 30
 * days (today included) and the calendar month so far.
 */
export function periods(now: Date): Record<PeriodId, Period> {
  const today = dayOf(now);
  return {
    today: { id: 'today', label: 'Today', from: today, to: today },
    '7d': { id: '7d', label: 'Last 7 days', from: addDays(today, -6), to: today },
    '30d': { id: '30d', label: 'Last 30 days', from: addDays(today, -29), to: today },
    month: { id: 'month', label: 'This month', from: `${today.slice(0, 7)}-01`, to: today },
  };
}

/** The Monday that starts the ISO week of `day`. */
export function weekStart(day: Day): Day {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((dow + 6) % 7));
}

/** "03-14" for axis labels. */
export const shortDay = (day: Day): string => day.slice(5);
