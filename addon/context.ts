import { getAddonConfig, type AddonConfig } from './config';
import type { AddonEvent } from './platform/event';
import type { AppsScriptGlobals, UtilitiesApi } from './platform/services';
import { createBackend, type Backend } from './services/backend';
import { createDraftStore, type DraftStore } from './services/draft-store';
import { createGoogleHttp, type GoogleHttp } from './services/google-http';
import { createTeacherPrefs, type TeacherPrefsStore } from './services/teacher-prefs';
import { createUserCache, type UserCache } from './services/user-cache';

declare const GRADEBOT_ADDON_VERSION: string | undefined;
/** Replaced by the bundler with the build's version; "dev" when run from source. */
export const ADDON_VERSION = typeof GRADEBOT_ADDON_VERSION === 'string' ? GRADEBOT_ADDON_VERSION : 'dev';

/** Dates as a teacher reads them, in the teacher's time zone. */
export interface Formatter {
  /** An instant: "Sep 2, 2025". */
  date(iso: string): string;
  /** An instant to the minute, in the teacher's zone: "Mar 12 at 21:04". */
  moment(iso: string): string;
  /** A calendar day: "October 1, 2025". */
  day(isoDate: string): string;
  /** A quota month: "September 2025". */
  month(yyyyMm: string): string;
}

/** Everything a handler or trigger may use, made once per invocation from the Apps Script globals. */
export interface Ctx {
  readonly config: AddonConfig;
  readonly backend: Backend;
  readonly google: GoogleHttp;
  readonly drafts: DraftStore;
  /** What the add-on remembers for this teacher (the form's review choice). */
  readonly prefs: TeacherPrefsStore;
  readonly cache: UserCache;
  readonly fmt: Formatter;
  readonly timeZone: string;
  newId(): string;
  /** The Picker page (this script's web app unless configured). */
  pickerUrl(): string;
}

/** Dates through Apps Script's Utilities.formatDate (Intl time zones are not reliable there). */
export function createFormatter(u: UtilitiesApi, timeZone: string): Formatter {
  return {
    date: (iso) => u.formatDate(new Date(iso), timeZone, 'MMM d, yyyy'),
    moment: (iso) => u.formatDate(new Date(iso), timeZone, "MMM d 'at' HH:mm"),
    // Calendar days and months are zone-free: format noon UTC in UTC.
    day: (isoDate) => u.formatDate(new Date(`${isoDate}T12:00:00Z`), 'UTC', 'MMMM d, yyyy'),
    month: (yyyyMm) => u.formatDate(new Date(`${yyyyMm}-15T12:00:00Z`), 'UTC', 'MMMM yyyy'),
  };
}

/** The teacher's time zone: the host app's, else the script's. */
export function timeZoneOf(g: AppsScriptGlobals, event: AddonEvent): string {
  return event.commonEventObject.timeZone?.id || g.Session.getScriptTimeZone();
}

export function createContext(g: AppsScriptGlobals, event: AddonEvent): Ctx {
  const config = getAddonConfig(g.PropertiesService.getScriptProperties());
  const timeZone = timeZoneOf(g, event);
  const locale = event.commonEventObject.userLocale || g.Session.getActiveUserLocale() || 'en';
  return {
    config,
    backend: createBackend({
      baseUrl: config.apiBaseUrl,
      urlFetch: g.UrlFetchApp,
      identityToken: () => g.ScriptApp.getIdentityToken(),
      timeZone,
      locale,
      clientVersion: ADDON_VERSION,
    }),
    google: createGoogleHttp(g.UrlFetchApp, () => g.ScriptApp.getOAuthToken()),
    drafts: createDraftStore(g.PropertiesService.getUserProperties()),
    prefs: createTeacherPrefs(g.PropertiesService.getUserProperties()),
    cache: createUserCache(g.CacheService.getUserCache()),
    fmt: createFormatter(g.Utilities, timeZone),
    timeZone,
    newId: () => g.Utilities.getUuid().replace(/[^A-Za-z0-9_-]/g, ''),
    pickerUrl: () => {
      const url = config.picker.url ?? g.ScriptApp.getService().getUrl();
      if (!url) throw new Error('The Picker page has no URL: deploy the script as a web app or set PICKER_URL.');
      return `${url}${url.includes('?') ? '&' : '?'}page=picker`;
    },
  };
}
