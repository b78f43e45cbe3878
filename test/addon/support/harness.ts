import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_ROUTES, matchRoute, type ApiError, type RouteName } from '../../../shared/api';
import * as main from '../../../addon/main';
import {
  addonEvent,
  createAppsScriptFakes,
  formInputsOf,
  installAppsScriptFakes,
  paramsOf,
  actionOf,
  button,
  type AppsScriptFakes,
  type CardJson,
  type EventOptions,
  type FakeHttpRequest,
  type FakeHttpResponse,
  type RenderActionsJson,
} from '../../../dev/apps-script-fakes';
import { completeDetail, detail, listItem, me, stats, work } from './fixtures';

export const API = 'https://api.gradebot.app';
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../appsscript.json'), 'utf8')) as { urlFetchWhitelist: string[] };

/** A call the add-on made to the API, after the contract's schemas accepted it. */
export interface ApiCall {
  name: RouteName;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
}

type Answer = unknown | { status: number; error: ApiError } | { status: number; raw: string };
type Route = (call: ApiCall) => Answer;

export interface DocState {
  text?: string;
  exportStatus?: number;
  endIndex?: number;
  revisionId?: string;
  /** Statuses batchUpdate answers in turn (default 200). */
  batchStatuses?: number[];
  /** Drive's revision list (oldest first) with each revision's text; none: revisions.list answers `revisionsStatus` or 404. */
  revisions?: Array<{ id: string; modifiedTime: string; editor: { name: string; email: string; me?: boolean }; text: string }>;
  revisionsStatus?: number;
  owner?: { name: string; email: string };
}

const permissionId = (email: string) => `perm-${email}`;
const user = (p: { name: string; email: string; me?: boolean }) => ({ displayName: p.name, emailAddress: p.email, permissionId: permissionId(p.email), me: p.me ?? false });

/**
 * The add-on's world in one object: Apps Script fakes on globalThis, an in-process stand-in for
 * GradeBot's API that checks every request against the shared contract, and Drive/Docs endpoints.
 */
export class AddonHarness {
  readonly fakes: AppsScriptFakes;
  readonly apiCalls: ApiCall[] = [];
  readonly batchUpdates: { docId: string; body: { requests: object[]; writeControl?: object } }[] = [];
  readonly docs = new Map<string, DocState>();
  readonly routes: Partial<Record<RouteName, Route>> = {
    getMe: () => me(),
    getStats: () => stats(),
    listAssignments: () => ({ items: [listItem(1), listItem(2, { status: 'processing' })], nextCursor: null }),
    getAssignment: () => completeDetail(),
    getWork: () => work(),
    createAssignment: () => ({ assignment: detail(), created: true }),
    findWorksByDoc: () => ({ latest: null, matches: [] }),
  };
  private restore?: () => void;

  constructor(scriptProperties: Record<string, string> = { API_BASE_URL: API, PICKER_API_KEY: 'picker-key', PICKER_APP_ID: '123456789' }) {
    this.fakes = createAppsScriptFakes({ transport: (r) => this.route(r), whitelist: manifest.urlFetchWhitelist, scriptProperties, uuid: () => 'uuid-0000-1111-2222' });
    // Count round trips that reach the API: the add-on promises at most one per card action.
    const u = this.fakes.urlFetch;
    this.fakes.globals.UrlFetchApp = {
      fetch: (url, params) => {
        if (url.startsWith(API)) this.apiRoundTrips++;
        return u.fetch(url, params);
      },
      fetchAll: (reqs) => {
        if (reqs.some((r) => r.url.startsWith(API))) this.apiRoundTrips++;
        return u.fetchAll(reqs);
      },
    };
  }

  /** fetch/fetchAll calls that reached the API. */
  apiRoundTrips = 0;

  /** Requests to Google (Drive/Docs), in order. */
  googleRequests(): FakeHttpRequest[] {
    return this.fakes.urlFetch.requests.filter((r) => !r.url.startsWith(API));
  }

  install(): this {
    this.restore = installAppsScriptFakes(this.fakes.globals);
    return this;
  }
  uninstall(): void {
    this.restore?.();
  }

  on(name: RouteName, route: Route): this {
    this.routes[name] = route;
    return this;
  }
  fail(name: RouteName, status: number, error: ApiError): this {
    return this.on(name, () => ({ status, error }));
  }
  calls(name?: RouteName): ApiCall[] {
    return name ? this.apiCalls.filter((c) => c.name === name) : this.apiCalls;
  }

  private route(r: FakeHttpRequest): FakeHttpResponse {
    const url = new URL(r.url);
    if (r.url.startsWith(API)) return this.api(r, url);
    const exp = /^\/drive\/v3\/files\/([^/]+)\/export$/.exec(url.pathname);
    if (url.host === 'www.googleapis.com' && exp && r.method === 'GET') {
      const doc = this.docs.get(decodeURIComponent(exp[1]!));
      if (url.searchParams.get('mimeType') !== 'text/plain') return { status: 400, body: '{}' };
      if (!r.headers.Authorization?.startsWith('Bearer ')) return { status: 401, body: '{}' };
      if (!doc || doc.exportStatus) return { status: doc?.exportStatus ?? 404, body: '{"error":{}}' };
      return { status: 200, body: `\uFEFF${doc.text ?? ''}` };
    }
    // Drive's owners and revision list, and the revisions' export links (on docs.google.com, as Google's are).
    const meta = /^\/drive\/v3\/files\/([^/]+)(\/revisions)?$/.exec(url.pathname);
    if (url.host === 'www.googleapis.com' && meta && r.method === 'GET') {
      const doc = this.docs.get(decodeURIComponent(meta[1]!));
      if (!r.headers.Authorization?.startsWith('Bearer ')) return { status: 401, body: '{}' };
      if (!meta[2]) return doc?.owner ? { status: 200, body: JSON.stringify({ owners: [user(doc.owner)] }) } : { status: 404, body: '{"error":{}}' };
      if (!doc?.revisions) return { status: doc?.revisionsStatus ?? 404, body: '{"error":{}}' };
      const id = decodeURIComponent(meta[1]!);
      const revisions = doc.revisions.map((v) => ({
        id: v.id,
        modifiedTime: v.modifiedTime,
        lastModifyingUser: user(v.editor),
        exportLinks: { 'text/plain': `https://docs.google.com/feeds/download/documents/export/Export?id=${id}&revision=${v.id}&exportFormat=txt` },
      }));
      return { status: 200, body: JSON.stringify({ revisions }) };
    }
    if (url.host === 'docs.google.com' && url.pathname === '/feeds/download/documents/export/Export') {
      const rev = this.docs.get(url.searchParams.get('id') ?? '')?.revisions?.find((v) => v.id === url.searchParams.get('revision'));
      if (!r.headers.Authorization?.startsWith('Bearer ')) return { status: 401, body: '' };
      return rev ? { status: 200, body: `\uFEFF${rev.text}` } : { status: 404, body: '' };
    }
    const d = /^\/v1\/documents\/([^/:]+)(:batchUpdate)?$/.exec(url.pathname);
    if (url.host === 'docs.googleapis.com' && d) {
      const id = decodeURIComponent(d[1]!);
      const doc = this.docs.get(id);
      if (!doc) return { status: 404, body: '{}' };
      if (!d[2]) return { status: 200, body: JSON.stringify({ revisionId: doc.revisionId ?? 'rev-1', body: { content: [{ endIndex: 1 }, { endIndex: doc.endIndex ?? 120 }] } }) };
      this.batchUpdates.push({ docId: id, body: JSON.parse(r.payload ?? '{}') });
      const status = doc.batchStatuses?.shift() ?? 200;
      return { status, body: status === 200 ? '{"replies":[]}' : '{"error":{"message":"The required revision ID does not match the latest revision."}}' };
    }
    return { status: 404, body: 'unknown URL in the test world' };
  }

  private api(r: FakeHttpRequest, url: URL): FakeHttpResponse {
    const path = url.pathname;
    const m = matchRoute(r.method, path);
    if (!m) return { status: 404, body: JSON.stringify({ error: { code: 'not_found', message: `no route ${r.method} ${path}` } }) };
    const spec = API_ROUTES[m.name];
    const body = r.payload === undefined ? undefined : JSON.parse(r.payload);
    // The stand-in is strict: a request the real API would refuse fails the test here.
    if (spec.body) spec.body.parse(body);
    if (spec.query) spec.query.parse(Object.fromEntries(url.searchParams));
    const call: ApiCall = { name: m.name, params: m.params, query: Object.fromEntries(url.searchParams), body, headers: r.headers };
    this.apiCalls.push(call);
    const route = this.routes[m.name];
    if (!route) return { status: 500, body: JSON.stringify({ error: { code: 'internal', message: `test has no answer for ${m.name}` } }) };
    const answer = route(call) as Record<string, unknown>;
    if (answer && typeof answer === 'object' && 'status' in answer && 'error' in answer) return { status: answer.status as number, body: JSON.stringify({ error: answer.error }) };
    if (answer && typeof answer === 'object' && 'status' in answer && 'raw' in answer) return { status: answer.status as number, body: answer.raw as string };
    // Answers must satisfy the contract too, or the fixtures drifted.
    return { status: spec.status, body: JSON.stringify(spec.response.parse(answer)) };
  }

  // --- driving the add-on like a client ---

  homepage(o: EventOptions = {}): CardJson {
    return main.onHomepage(addonEvent(o)) as unknown as CardJson;
  }
  docsHomepage(o: EventOptions = {}): CardJson {
    return main.onDocsHomepage(addonEvent({ hostApp: 'DOCS', ...o })) as unknown as CardJson;
  }

  /** Click the button with this text on `card`, sending the card's inputs with `changes`. */
  click(card: CardJson, buttonText: string, changes: Record<string, string | string[] | undefined> = {}, nth?: number): RenderActionsJson {
    const action = actionOf(button(card, buttonText, nth).onClick);
    if (!action) throw new Error(`"${buttonText}" opens a fixed link`);
    return this.run(action.function, paramsOf(action), formInputsOf(card, changes));
  }

  /** Run an action by its parameters (e.g. a widget's onClick or a switch's onChangeAction). */
  run(functionName: string, parameters: Record<string, string>, formInputs: EventOptions['formInputs'] = {}, o: EventOptions = {}): RenderActionsJson {
    const fn = (main as unknown as Record<string, (e: unknown) => unknown>)[functionName];
    if (!fn) throw new Error(`addon/main.ts exports no ${functionName}`);
    return fn(addonEvent({ ...o, parameters, formInputs })) as RenderActionsJson;
  }
}
