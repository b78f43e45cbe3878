import { APPS_SCRIPT_GLOBAL_NAMES, type AppsScriptGlobals } from '../../addon/platform/services';
import { createCardService } from './card-service';
import { createHtmlService, createScriptApp, createSession, createUtilities, type ScriptAppOptions } from './script-services';
import { createCacheService, createPropertiesService, type FakeCacheService, type FakePropertiesService } from './storage';
import { createUrlFetchApp, type FakeUrlFetchApp, type Transport } from './url-fetch';

export * from './card-json';
export * from './card-query';
export * from './card-service';
export * from './enums';
export * from './events';
export * from './script-services';
export * from './storage';
export * from './sync-http';
export * from './url-fetch';

export interface FakeOptions extends ScriptAppOptions {
  /** Where UrlFetchApp requests go (an in-process router, or createSyncHttp().transport). */
  transport: Transport;
  /** Refuse URLs outside these prefixes, like the manifest's urlFetchWhitelist. */
  whitelist?: string[];
  /** Script Properties (the add-on's configuration: API_BASE_URL, …). */
  scriptProperties?: Record<string, string>;
  timeZone?: string;
  locale?: string;
  email?: string;
  /** The clock CacheService expires entries on. */
  now?: () => number;
  uuid?: () => string;
}

/** The Apps Script globals as fakes, with handles for assertions. */
export interface AppsScriptFakes {
  globals: AppsScriptGlobals;
  urlFetch: FakeUrlFetchApp;
  properties: FakePropertiesService;
  cache: FakeCacheService;
}

/**
 * Every Apps Script service GradeBot's add-on calls, faked: run addon/ sources in tests (install them
 * on globalThis) or the built Code.js in a vm context (see run-bundle.ts).
 */
export function createAppsScriptFakes(o: FakeOptions): AppsScriptFakes {
  const urlFetch = createUrlFetchApp({ transport: o.transport, whitelist: o.whitelist });
  const properties = createPropertiesService(o.scriptProperties);
  const cache = createCacheService(o.now);
  const globals: AppsScriptGlobals = {
    CardService: createCardService(),
    UrlFetchApp: urlFetch,
    PropertiesService: properties,
    CacheService: cache,
    ScriptApp: createScriptApp(o),
    Session: createSession({ timeZone: o.timeZone, locale: o.locale, email: o.email }),
    HtmlService: createHtmlService(),
    Utilities: createUtilities({ uuid: o.uuid }),
  };
  return { globals, urlFetch, properties, cache };
}

/** Put the fakes on `target` (globalThis by default); returns a function that restores what was there. */
export function installAppsScriptFakes(globals: AppsScriptGlobals, target: object = globalThis): () => void {
  const t = target as Record<string, unknown>;
  const before = new Map(APPS_SCRIPT_GLOBAL_NAMES.map((n) => [n, t[n]]));
  for (const n of APPS_SCRIPT_GLOBAL_NAMES) t[n] = globals[n];
  return () => {
    for (const [n, v] of before) {
      if (v === undefined) delete t[n];
      else t[n] = v;
    }
  };
}
