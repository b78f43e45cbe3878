import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Json } from './doc-model';

/**
 * Revision history of the local Drive's Docs, as Drive v3 `revisions.list` shows it: a list of
 * saved versions, each with the time, the person who saved it and export links to its text. Drive
 * keeps Docs' history coarser than the editor's Version history (it merges a person's nearby
 * edits); the stand-in merges an editor's saves less than MERGE_WINDOW_MS apart into one revision.
 */

export const MERGE_WINDOW_MS = 5 * 60_000;

export const StoredRevisionSchema = z.object({
  id: z.string().min(1),
  modifiedTime: z.string(),
  author: z.object({ name: z.string(), email: z.string() }),
  /** The revision's text as the txt export gives it (BOM, CRLF). */
  text: z.string(),
});
export type StoredRevision = z.infer<typeof StoredRevisionSchema>;

/** One step of a sample Doc's history (samples/manifest.json `history`). */
export const HistoryStepSchema = z.object({
  at: z.iso.datetime(),
  /** How much of the final text exists at this revision, from its start (0–1, cut at a word). */
  upTo: z.number().min(0).max(1),
  /** Who saved it; default the owner. */
  by: z.object({ name: z.string().min(1), email: z.email() }).optional(),
});
export type HistoryStep = z.infer<typeof HistoryStepSchema>;

/** Drive's permissionId for a person: stable, opaque digits. */
export function permissionIdOf(email: string): string {
  return BigInt(`0x${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 15)}`).toString().padStart(20, '0');
}

/** The first `share` of `text` (the BOM kept), cut back to a word boundary. */
function prefixOf(text: string, share: number): string {
  if (share >= 1) return text;
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = text.slice(bom.length);
  let end = Math.floor(body.length * share);
  while (end > 0 && !/\s/.test(body[end]!)) end--;
  return bom + body.slice(0, end).trimEnd();
}

/** A sample Doc's revisions from its final text and its declared history. */
export function revisionsFromHistory(finalText: string, steps: readonly HistoryStep[], owner: { name: string; email: string }): StoredRevision[] {
  return steps.map((s, i) => ({ id: String(i + 1), modifiedTime: new Date(s.at).toISOString(), author: s.by ?? owner, text: prefixOf(finalText, s.upTo) }));
}

/** The history after a save: a new revision, or the editor's last one updated when it is recent. */
export function withSave(revisions: readonly StoredRevision[], save: { at: Date; author: { name: string; email: string }; text: string }): StoredRevision[] {
  const last = revisions[revisions.length - 1];
  const time = save.at.toISOString();
  if (last && last.author.email.toLowerCase() === save.author.email.toLowerCase() && save.at.getTime() - Date.parse(last.modifiedTime) < MERGE_WINDOW_MS) {
    return [...revisions.slice(0, -1), { ...last, modifiedTime: time, text: save.text }];
  }
  const next = revisions.reduce((m, r) => Math.max(m, Number(r.id) || 0), 0) + 1;
  return [...revisions, { id: String(next), modifiedTime: time, author: save.author, text: save.text }];
}

/** A Drive v3 User resource. */
export function userResource(person: { name: string; email: string }, viewerEmail: string): { [key: string]: Json } {
  return {
    kind: 'drive#user',
    displayName: person.name,
    emailAddress: person.email,
    permissionId: permissionIdOf(person.email),
    me: person.email.toLowerCase() === viewerEmail.toLowerCase(),
  };
}

/** Drive's txt export link of a Doc revision (Google's host is docs.google.com). */
export function revisionExportLink(baseUrl: string, fileId: string, revisionId: string, format: 'txt' | 'html'): string {
  return `${baseUrl}/feeds/download/documents/export/Export?id=${encodeURIComponent(fileId)}&revision=${encodeURIComponent(revisionId)}&exportFormat=${format}`;
}

/** The full Drive v3 Revision resource of a Doc revision. */
export function revisionResource(fileId: string, r: StoredRevision, baseUrl: string, viewerEmail: string): { [key: string]: Json } {
  return {
    kind: 'drive#revision',
    id: r.id,
    mimeType: 'application/vnd.google-apps.document',
    modifiedTime: r.modifiedTime,
    published: false,
    lastModifyingUser: userResource(r.author, viewerEmail),
    exportLinks: {
      'text/plain': revisionExportLink(baseUrl, fileId, r.id, 'txt'),
      'text/html': revisionExportLink(baseUrl, fileId, r.id, 'html'),
    },
  };
}
