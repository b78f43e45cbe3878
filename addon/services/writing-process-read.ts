import { z } from 'zod';
import { WritingProcessSchema, type WritingProcess } from '../../shared/domain';
import { chooseRevisionSample, PROCESS_READ_LIMITS, summarizeWritingProcess, type EditorRef, type RevisionInfo } from '../../shared/rules/writing-process';
import type { HttpResponse } from '../platform/services';
import type { GoogleHttp } from './google-http';

/**
 * Writing-process evidence at Submit: each Doc's owner and revision list (Drive `files.get` and
 * `revisions.list`, both allowed under drive.file, in one fetchAll), then a bounded sample of
 * revision texts through each revision's `exportLinks` (another fetchAll). The texts stay in this
 * execution: only the summary {@link summarizeWritingProcess} makes is returned, to go to the API.
 * Nothing here throws for a Doc: a history that cannot be read becomes an "unavailable" summary,
 * so it never stands between the teacher and grading.
 */

export interface ProcessDoc {
  googleDocId: string;
  /** The Doc's current text, as exported for grading. */
  text: string;
}

export interface ProcessReadDeps {
  http: GoogleHttp;
  driveApiBaseUrl: string;
  /** Where Drive's revision exportLinks point (https://docs.google.com); links elsewhere are not followed. */
  docsExportBaseUrl: string;
  /** Milliseconds; compared with `startedAt` before each round trip. */
  now: () => number;
  /** When Submit began: no round starts after PROCESS_READ_LIMITS.timeBudgetMs. */
  startedAt: number;
  limits?: typeof PROCESS_READ_LIMITS;
}

const UserSchema = z.object({
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  permissionId: z.string().optional(),
  me: z.boolean().optional(),
});
const OwnersSchema = z.object({ owners: z.array(UserSchema).optional() });
const RevisionListSchema = z.object({
  nextPageToken: z.string().optional(),
  revisions: z
    .array(
      z.object({
        id: z.string().min(1),
        modifiedTime: z.string(),
        lastModifyingUser: UserSchema.optional(),
        exportLinks: z.record(z.string(), z.string()).optional(),
      }),
    )
    .default([]),
});
type RevisionList = z.infer<typeof RevisionListSchema>;

const userKey = (u: z.infer<typeof UserSchema>) => u.permissionId || u.emailAddress?.toLowerCase() || u.displayName || '';

function editorOf(u: z.infer<typeof UserSchema> | undefined): EditorRef | null {
  if (!u || !userKey(u)) return null;
  return { key: userKey(u), name: u.displayName || u.emailAddress || 'Someone', me: u.me === true };
}

function json<T>(res: HttpResponse, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(res.getContentText()));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Fetch `urls` in fetchAll batches while time is left; undefined for those not fetched, and why. */
function fetchWhileTimeLeft(urls: string[], deps: ProcessReadDeps, limits: typeof PROCESS_READ_LIMITS): { responses: Array<HttpResponse | undefined>; stopped: 'out_of_time' | 'failed' } {
  const responses: Array<HttpResponse | undefined> = new Array(urls.length).fill(undefined);
  for (let i = 0; i < urls.length; i += limits.fetchBatchSize) {
    if (deps.now() - deps.startedAt > limits.timeBudgetMs) return { responses, stopped: 'out_of_time' };
    try {
      deps.http.getAll(urls.slice(i, i + limits.fetchBatchSize)).forEach((r, j) => (responses[i + j] = r));
    } catch {
      // Google unreachable: what was read is used, the rest is "unavailable".
      return { responses, stopped: 'failed' };
    }
  }
  return { responses, stopped: 'out_of_time' };
}

/** One summary per Doc, in order. */
export function readWritingProcesses(docs: readonly ProcessDoc[], deps: ProcessReadDeps): WritingProcess[] {
  const limits = deps.limits ?? PROCESS_READ_LIMITS;
  if (docs.length === 0) return [];
  const filesBase = `${deps.driveApiBaseUrl}/drive/v3/files/`;
  const revisionFields = encodeURIComponent('nextPageToken,revisions(id,modifiedTime,lastModifyingUser(displayName,emailAddress,permissionId,me),exportLinks)');
  const ownerFields = encodeURIComponent('owners(displayName,emailAddress,permissionId,me)');

  // Round 1: owner and revision list of every Doc.
  const listUrls = docs.flatMap((d) => {
    const id = encodeURIComponent(d.googleDocId);
    return [`${filesBase}${id}?fields=${ownerFields}`, `${filesBase}${id}/revisions?pageSize=${limits.listPageSize}&fields=${revisionFields}`];
  });
  const { responses: listed, stopped } = fetchWhileTimeLeft(listUrls, deps, limits);
  type Listed = { ok: true; list: RevisionList; ownerKey: string | null } | { ok: false; summary: WritingProcess };
  const histories: Listed[] = docs.map((_, i) => {
    const ownerRes = listed[2 * i];
    const listRes = listed[2 * i + 1];
    if (!listRes) return { ok: false, summary: { status: 'unavailable', reason: stopped } };
    const status = listRes.getResponseCode();
    // Drive lists revisions to people who may edit the Doc; a reader gets 403.
    if (status === 401 || status === 403 || status === 404) return { ok: false, summary: { status: 'unavailable', reason: 'no_access' } };
    const list = status === 200 ? json(listRes, RevisionListSchema) : undefined;
    if (!list) return { ok: false, summary: { status: 'unavailable', reason: 'failed' } };
    const owner = ownerRes?.getResponseCode() === 200 ? json(ownerRes, OwnersSchema)?.owners?.[0] : undefined;
    return { ok: true, list, ownerKey: owner ? userKey(owner) || null : null };
  });

  // Round 2: a sample of revision texts, shared fairly across the Docs that have a history.
  const withHistory = histories.filter((h) => h.ok && h.list.revisions.length > 1).length;
  const perDoc = Math.min(limits.samplesPerDoc, Math.floor(limits.samplesPerSubmit / Math.max(1, withHistory)));
  const exportPrefix = `${deps.docsExportBaseUrl}/feeds/download/documents/export/`;
  const wanted: Array<{ doc: number; revisionId: string; url: string }> = [];
  const revisionsOf = histories.map((h) => (h.ok ? h.list.revisions.flatMap((r): RevisionInfo[] => (Number.isFinite(Date.parse(r.modifiedTime)) ? [{ id: r.id, modifiedTime: new Date(Date.parse(r.modifiedTime)).toISOString(), editor: editorOf(r.lastModifyingUser) }] : [])) : []));
  histories.forEach((h, i) => {
    if (!h.ok) return;
    for (const id of chooseRevisionSample(revisionsOf[i]!, h.ownerKey, perDoc)) {
      const url = h.list.revisions.find((r) => r.id === id)?.exportLinks?.['text/plain'];
      // The link comes from Google's answer and carries the teacher's token: only Google's export host.
      if (url && url.startsWith(exportPrefix)) wanted.push({ doc: i, revisionId: id, url });
    }
  });
  const exported = fetchWhileTimeLeft(
    wanted.map((w) => w.url),
    deps,
    limits,
  ).responses;
  const texts: Array<Record<string, string>> = docs.map(() => ({}));
  wanted.forEach((w, k) => {
    const res = exported[k];
    if (res && res.getResponseCode() === 200) texts[w.doc]![w.revisionId] = res.getContentText().replace(/^\uFEFF/, '');
  });

  return histories.map((h, i) => {
    if (!h.ok) return h.summary;
    // Checked against the contract here: a summary the API would refuse must not cost the submit.
    try {
      const summary = summarizeWritingProcess({ revisions: revisionsOf[i]!, ownerKey: h.ownerKey, listIncomplete: h.list.nextPageToken !== undefined, texts: texts[i]!, finalText: docs[i]!.text });
      const checked = WritingProcessSchema.safeParse(summary);
      if (checked.success) return checked.data;
    } catch {
      // fall through
    }
    return { status: 'unavailable', reason: 'failed' };
  });
}
