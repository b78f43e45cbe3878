/**
 * Messages between the preview server (main thread) and the add-on runtime (a worker thread). The
 * add-on blocks its thread on every UrlFetchApp call (Atomics.wait), so it cannot share a thread
 * with the local servers it calls: the main thread keeps serving while the worker waits.
 */

/** Fixed for the worker's life: the built add-on and how Apps Script is set up for it. */
export interface RuntimeInit {
  /** The built Code.js, run unchanged. */
  bundlePath: string;
  /** Script Properties: the add-on's configuration (API_BASE_URL, …). */
  scriptProperties: Record<string, string>;
  /** What ScriptApp.getService().getUrl() answers: the add-on's web app (the Picker page). */
  webAppUrl: string;
  /** The script's time zone (appsscript.json `timeZone`). */
  scriptTimeZone: string;
  /** UrlFetchApp gives up after this long, as Apps Script does after about a minute. */
  fetchTimeoutMs: number;
  /** Keep each user's User Properties (drafts) in this JSON file across restarts; unset: memory only. */
  statePath?: string;
}

/** One execution: a function Apps Script would call, as one user, with that user's tokens. */
export interface RuntimeCall {
  id: number;
  user: { email: string; locale: string };
  /** A top-level function of Code.js (a trigger, `onAction`, `doGet`, a google.script.run target). */
  fn: string;
  args: unknown[];
  /** ScriptApp.getIdentityToken() and getOAuthToken() for this execution. */
  tokens: { identity: string; oauth: string };
  /** `html`: the function returns an HtmlOutput (doGet); `json`: anything else. */
  returns: 'json' | 'html';
}

/** A console line the add-on wrote during the call (Apps Script's execution log). */
export interface LogLine {
  level: 'log' | 'info' | 'warn' | 'error';
  text: string;
}

/** What doGet's HtmlOutput holds. */
export interface HtmlResult {
  html: string;
  title: string;
  xFrameOptions: string;
}

export type RuntimeReply =
  | { id: number; ok: true; value: unknown; logs: LogLine[] }
  | { id: number; ok: false; error: { name: string; message: string; stack?: string }; logs: LogLine[] };
