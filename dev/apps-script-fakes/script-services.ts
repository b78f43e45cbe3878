import { randomUUID } from 'node:crypto';
import type { HtmlOutput, HtmlServiceApi, ScriptAppApi, SessionApi, UtilitiesApi } from '../../addon/platform/services';
import { enumOf, memberName } from './enums';

export interface ScriptAppOptions {
  /** A Google ID token for the user; e.g. the local issuer's signIdToken({...}). */
  identityToken?: () => string;
  oauthToken?: () => string;
  /** The web app (Picker page) URL; null: not deployed. */
  webAppUrl?: string | null;
}

export function createScriptApp(o: ScriptAppOptions = {}): ScriptAppApi & { getScriptId(): string } {
  return {
    getIdentityToken: o.identityToken ?? (() => 'fake-identity-token'),
    getOAuthToken: o.oauthToken ?? (() => 'fake-oauth-token'),
    getService: () => ({ getUrl: () => (o.webAppUrl === undefined ? 'https://script.google.com/macros/s/FAKE_DEPLOYMENT/exec' : o.webAppUrl) }),
    getScriptId: () => 'FAKE_SCRIPT_ID',
  };
}

export function createSession(o: { timeZone?: string; locale?: string; email?: string } = {}): SessionApi & {
  getActiveUser(): { getEmail(): string };
  getEffectiveUser(): { getEmail(): string };
} {
  const user = { getEmail: () => o.email ?? 'teacher@school.example' };
  return {
    getScriptTimeZone: () => o.timeZone ?? 'America/New_York',
    getActiveUserLocale: () => o.locale ?? 'en',
    getActiveUser: () => user,
    getEffectiveUser: () => user,
  };
}

export interface FakeHtmlOutput extends HtmlOutput {
  getTitle(): string;
  getXFrameOptionsMode(): string;
}

export function createHtmlService(): HtmlServiceApi & { createHtmlOutput(html: string): FakeHtmlOutput } {
  return {
    XFrameOptionsMode: enumOf('HtmlService', 'XFrameOptionsMode', ['ALLOWALL', 'DEFAULT']),
    createHtmlOutput(html: string): FakeHtmlOutput {
      let title = '';
      let xfo = 'DEFAULT';
      const meta: string[] = [];
      const out: FakeHtmlOutput = {
        setTitle: (t) => ((title = t), out),
        setXFrameOptionsMode: (m) => ((xfo = memberName(m, 'HtmlService', 'XFrameOptionsMode', 'HtmlService.HtmlOutput.setXFrameOptionsMode')), out),
        addMetaTag: (name, content) => (meta.push(`<meta name="${name}" content="${content}">`), out),
        getContent: () => html,
        getTitle: () => title,
        getXFrameOptionsMode: () => xfo,
      };
      return out;
    },
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Utilities.formatDate for the SimpleDateFormat letters the add-on uses (y M d E H h m s a, quoted
 * literals), computed with Intl in the given time zone.
 */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23', weekday: 'long' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const y = Number(parts.year), M = Number(parts.month), d = Number(parts.day), H = Number(parts.hour) % 24;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const token = (t: string): string => {
    const c = t[0]!, n = t.length;
    switch (c) {
      case 'y': return n === 2 ? pad(y % 100, 2) : pad(y, n);
      case 'M': return n >= 4 ? MONTHS[M - 1]! : n === 3 ? MONTHS[M - 1]!.slice(0, 3) : pad(M, n);
      case 'd': return pad(d, n);
      case 'E': return n >= 4 ? String(parts.weekday) : String(parts.weekday).slice(0, 3);
      case 'H': return pad(H, n);
      case 'h': return pad(H % 12 === 0 ? 12 : H % 12, n);
      case 'm': return pad(Number(parts.minute), n);
      case 's': return pad(Number(parts.second), n);
      case 'a': return H < 12 ? 'AM' : 'PM';
      default: throw new Error(`formatDate: pattern letter "${c}" is not supported by the fake`);
    }
  };
  return pattern.replace(/'([^']*)'|([A-Za-z])\2*/g, (m, quoted: string | undefined) => (quoted !== undefined ? quoted || "'" : token(m)));
}

export function createUtilities(o: { uuid?: () => string } = {}): UtilitiesApi & { sleep(ms: number): void } {
  return {
    formatDate,
    getUuid: o.uuid ?? (() => randomUUID()),
    sleep: () => undefined,
  };
}
