import { z } from 'zod';
import { HttpUrlSchema } from '../shared/api';
import { ConfigError } from './errors';
import type { Properties } from './platform/services';

const optional = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();
const baseUrl = (fallback: string) => HttpUrlSchema.default(fallback).transform((u) => u.replace(/\/+$/, ''));

/**
 * The add-on's configuration, kept in Script Properties (Project settings → Script properties) so one
 * bundle serves production and the local stack. Read once per invocation, at the entry.
 */
const AddonConfigSchema = z.object({
  /** GradeBot's API; must match a urlFetchWhitelist prefix in production. */
  API_BASE_URL: HttpUrlSchema.transform((u) => u.replace(/\/+$/, '')),
  DRIVE_API_BASE_URL: baseUrl('https://www.googleapis.com'),
  DOCS_API_BASE_URL: baseUrl('https://docs.googleapis.com'),
  /** Where Drive's revision exportLinks point; the add-on follows no link elsewhere. */
  DOCS_EXPORT_BASE_URL: baseUrl('https://docs.google.com'),
  /** Where the privacy, terms and AI-use pages live. */
  PAGES_BASE_URL: baseUrl('https://gradebot.app'),
  /** Google Picker: a browser API key restricted to the Picker API, and the Cloud project number. */
  PICKER_API_KEY: optional,
  PICKER_APP_ID: optional,
  /** The Picker page's URL; unset: this script's web app deployment URL. */
  PICKER_URL: HttpUrlSchema.optional(),
  /** The Google API loader the Picker page includes (a local stand-in may serve its own). */
  GOOGLE_API_JS_URL: HttpUrlSchema.default('https://apis.google.com/js/api.js'),
  /** Docs exported per UrlFetchApp.fetchAll round trip. */
  EXPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(35).default(10),
});

export type AddonConfig = ReturnType<typeof getAddonConfig>;

/** Parse Script Properties into the add-on's configuration; names every bad property. */
export function getAddonConfig(scriptProperties: Properties) {
  const raw = Object.fromEntries(Object.entries(scriptProperties.getProperties()).filter(([, v]) => v.trim() !== ''));
  const result = AddonConfigSchema.safeParse(raw);
  if (!result.success) {
    const names = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`GradeBot is not set up correctly (Script Properties — ${names}).`);
  }
  const c = result.data;
  return {
    apiBaseUrl: c.API_BASE_URL,
    driveApiBaseUrl: c.DRIVE_API_BASE_URL,
    docsApiBaseUrl: c.DOCS_API_BASE_URL,
    docsExportBaseUrl: c.DOCS_EXPORT_BASE_URL,
    pagesBaseUrl: c.PAGES_BASE_URL,
    picker: { apiKey: c.PICKER_API_KEY, appId: c.PICKER_APP_ID, url: c.PICKER_URL, googleApiJsUrl: c.GOOGLE_API_JS_URL },
    exportBatchSize: c.EXPORT_BATCH_SIZE,
  };
}
