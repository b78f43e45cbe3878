import type { CardServiceApi, Enum, EnumValue } from './card-service';

/**
 * The other Apps Script services the add-on calls, typed to the members it uses. The add-on reaches
 * them only through {@link appsScriptGlobals} (read per invocation, never at module load), so tests
 * and the sidebar preview can run the same code against dev/apps-script-fakes.
 */

export interface HttpResponse {
  getResponseCode(): number;
  getContentText(): string;
  getHeaders(): Record<string, string>;
}

/** UrlFetchApp's request object (`fetchAll` takes these with `url`). */
export interface FetchParams {
  method?: 'get' | 'post' | 'put' | 'patch' | 'delete';
  headers?: Record<string, string>;
  contentType?: string;
  payload?: string;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
}
export interface FetchRequest extends FetchParams {
  url: string;
}
export interface UrlFetchAppApi {
  fetch(url: string, params?: FetchParams): HttpResponse;
  fetchAll(requests: FetchRequest[]): HttpResponse[];
}

export interface Properties {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): Properties;
  setProperties(properties: Record<string, string>, deleteAllOthers?: boolean): Properties;
  getProperties(): Record<string, string>;
  deleteProperty(key: string): Properties;
}
export interface PropertiesServiceApi {
  getScriptProperties(): Properties;
  getUserProperties(): Properties;
}

export interface Cache {
  get(key: string): string | null;
  put(key: string, value: string, expirationInSeconds?: number): void;
  remove(key: string): void;
}
export interface CacheServiceApi {
  getUserCache(): Cache | null;
}

export interface ScriptAppApi {
  getIdentityToken(): string;
  getOAuthToken(): string;
  getService(): { getUrl(): string | null };
}

export interface SessionApi {
  getScriptTimeZone(): string;
  getActiveUserLocale(): string;
}

export type XFrameOptionsModeName = 'ALLOWALL' | 'DEFAULT';
export interface HtmlOutput {
  setTitle(title: string): HtmlOutput;
  setXFrameOptionsMode(mode: EnumValue<'XFrameOptionsMode', XFrameOptionsModeName>): HtmlOutput;
  addMetaTag(name: string, content: string): HtmlOutput;
  getContent(): string;
}
export interface HtmlServiceApi {
  createHtmlOutput(html: string): HtmlOutput;
  readonly XFrameOptionsMode: Enum<'XFrameOptionsMode', XFrameOptionsModeName>;
}

export interface UtilitiesApi {
  formatDate(date: Date, timeZone: string, format: string): string;
  getUuid(): string;
}

/** Every Apps Script global the add-on touches. */
export interface AppsScriptGlobals {
  CardService: CardServiceApi;
  UrlFetchApp: UrlFetchAppApi;
  PropertiesService: PropertiesServiceApi;
  CacheService: CacheServiceApi;
  ScriptApp: ScriptAppApi;
  Session: SessionApi;
  HtmlService: HtmlServiceApi;
  Utilities: UtilitiesApi;
}

export const APPS_SCRIPT_GLOBAL_NAMES = ['CardService', 'UrlFetchApp', 'PropertiesService', 'CacheService', 'ScriptApp', 'Session', 'HtmlService', 'Utilities'] as const satisfies readonly (keyof AppsScriptGlobals)[];

/** The Apps Script services, read from the global scope when an entry point runs. */
export function appsScriptGlobals(scope: object = globalThis): AppsScriptGlobals {
  const g = scope as Partial<AppsScriptGlobals>;
  const missing = APPS_SCRIPT_GLOBAL_NAMES.filter((n) => g[n] === undefined);
  if (missing.length > 0) throw new Error(`Apps Script services missing: ${missing.join(', ')}`);
  return g as AppsScriptGlobals;
}
