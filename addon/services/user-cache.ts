import { z } from 'zod';
import { AssignmentPageSchema, MeResponseSchema, StatsResponseSchema, WorkViewSchema, type AssignmentPage, type MeResponse, type StatsResponse, type WorkView } from '../../shared/api';
import { DriveItemSchema, type DriveItem } from '../platform/event';
import type { Cache } from '../platform/services';

const SIX_HOURS = 21_600;
// CacheService refuses values over 100 KB; skip caching rather than fail the card.
const MAX_VALUE = 100_000;

/** What the home card shows: plan and usage, stats, the first page of assignments. */
export interface HomeData {
  me: MeResponse;
  stats: StatsResponse;
  page: AssignmentPage;
}
const HomeDataSchema = z.object({ me: MeResponseSchema, stats: StatsResponseSchema, page: AssignmentPageSchema });
/** Home data older than this is not reused: usage and the list may have changed elsewhere. */
const HOME_SECONDS = 3_600;

/**
 * Short-lived per-user data between two card actions: the work a card shows (so "Insert into Doc"
 * inserts exactly what the teacher saw, without another backend call), the home card's data (so
 * Submit and Delete can put a current list under the teacher without reading it again) and the last
 * Drive selection. Entries are parsed on read; a miss or a bad entry reads as undefined.
 */
export interface UserCache {
  putWork(work: WorkView): void;
  getWork(assignmentId: string, workId: string): WorkView | undefined;
  /** Kept for an hour (the chart's signed URL may expire sooner: check before showing it). */
  putHome(data: HomeData): void;
  getHome(): HomeData | undefined;
  forgetHome(): void;
  putDriveSelection(items: DriveItem[]): void;
  getDriveSelection(): DriveItem[] | undefined;
}

export function createUserCache(cache: Cache | null): UserCache {
  const put = (key: string, value: unknown, seconds = SIX_HOURS) => {
    const json = JSON.stringify(value);
    if (cache && json.length <= MAX_VALUE) cache.put(key, json, seconds);
  };
  const get = <T>(key: string, schema: z.ZodType<T>): T | undefined => {
    const raw = cache?.get(key);
    if (!raw) return undefined;
    try {
      const parsed = schema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };
  const workKey = (a: string, w: string) => `work:${a}:${w}`;
  return {
    putWork: (work) => put(workKey(work.assignmentId, work.id), work),
    getWork: (a, w) => get(workKey(a, w), WorkViewSchema),
    putHome: (data) => put('home', data, HOME_SECONDS),
    getHome: () => get('home', HomeDataSchema),
    forgetHome: () => cache?.remove('home'),
    putDriveSelection: (items) => put('drive-selection', items),
    getDriveSelection: () => get('drive-selection', z.array(DriveItemSchema)),
  };
}
