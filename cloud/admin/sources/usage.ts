import { UsageDaySchema, type UsageDay } from '../../stats/usage-rollups';
import { timestampsToDates } from '../../store/converter';
import type { Paths } from '../../store/paths';
import type { Day } from '../periods';

/**
 * Product-usage counters (cloud/stats/usage-rollups.ts, written by the API and the pipeline) for
 * days from..to, one summed UsageDay per day that has any — at most days × shards documents.
 */
export async function readUsageDays(paths: Paths, q: { from: Day; to: Day }): Promise<Map<Day, UsageDay>> {
  const snap = await paths.raw('usageRollups').where('day', '>=', q.from).where('day', '<=', q.to).get();
  const byDay = new Map<Day, UsageDay>();
  for (const doc of snap.docs) {
    const part = UsageDaySchema.parse(timestampsToDates(doc.data()));
    const into = byDay.get(part.day);
    if (into) addInto(into as unknown as Record<string, unknown>, part as unknown as Record<string, unknown>);
    else byDay.set(part.day, part);
  }
  return byDay;
}

/** Sum of several days (zeros when none). */
export function sumUsage(days: Iterable<UsageDay>): UsageDay {
  const total = UsageDaySchema.parse({ day: 'total' });
  for (const d of days) addInto(total as unknown as Record<string, unknown>, d as unknown as Record<string, unknown>);
  return total;
}

function addInto(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(from)) {
    if (typeof v === 'number') into[k] = ((into[k] as number | undefined) ?? 0) + v;
    else if (v && typeof v === 'object') addInto((into[k] ??= {}) as Record<string, unknown>, v as Record<string, unknown>);
  }
}
