import type { Json } from './doc-model';
import type { DriveFile } from './drive-store';
import { userResource } from './revisions';
import { GOOGLE_DOC_MIME } from './samples';

/** Where a file opens in the browser: the Docs editor URL for Docs, as Drive's webViewLink. */
export function webViewLink(baseUrl: string, file: Pick<DriveFile, 'id' | 'mimeType'>): string {
  return file.mimeType === GOOGLE_DOC_MIME ? `${baseUrl}/document/d/${file.id}/edit?usp=drivesdk` : `${baseUrl}/file/d/${file.id}/view?usp=drivesdk`;
}

/** The full Drive v3 File resource, as `fields=*` returns it. */
export function fileResource(file: DriveFile, baseUrl: string, viewerEmail: string): { [key: string]: Json } {
  const ownedByMe = file.owner.email.toLowerCase() === viewerEmail.toLowerCase();
  const resource: { [key: string]: Json } = {
    kind: 'drive#file',
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    starred: false,
    trashed: false,
    explicitlyTrashed: false,
    webViewLink: webViewLink(baseUrl, file),
    iconLink: `${baseUrl}/icons/${encodeURIComponent(file.mimeType)}.svg`,
    createdTime: file.createdTime,
    modifiedTime: file.modifiedTime,
    owners: [userResource(file.owner, viewerEmail)],
    ownedByMe,
    shared: file.sharedWith === '*' || file.sharedWith.length > 0,
    version: String(file.doc?.revision ?? 1),
    capabilities: { canEdit: true, canComment: true, canDownload: true, canCopy: true },
  };
  if (file.doc) resource.exportLinks = { 'text/plain': `${baseUrl}/drive/v3/files/${file.id}/export?mimeType=text%2Fplain` };
  return resource;
}

/** What Drive returns when no `fields` parameter is given. */
export const DEFAULT_FILE_FIELDS = 'kind,id,name,mimeType';
export const DEFAULT_LIST_FIELDS = 'kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)';

export class DriveQueryError extends Error {}

/**
 * A filter for the subset of Drive's `q` language that listing Docs needs: clauses joined by
 * `and`, over mimeType, name, fullText, trashed and owners. Anything else is refused, not ignored,
 * so a query that would behave differently on Google fails loudly here.
 */
export function parseDriveQuery(q: string, viewerEmail: string): (file: DriveFile) => boolean {
  const clauses = splitOnAnd(q).map((c) => c.trim()).filter(Boolean);
  const tests = clauses.map((clause) => clauseTest(clause, viewerEmail));
  return (file) => tests.every((t) => t(file));
}

const STR = String.raw`'((?:[^'\\]|\\.)*)'`;
const unescape = (s: string) => s.replace(/\\(.)/g, '$1');

function clauseTest(clause: string, viewer: string): (file: DriveFile) => boolean {
  let m = new RegExp(`^(mimeType|name)\\s*(=|!=)\\s*${STR}$`).exec(clause);
  if (m) {
    const [field, op, value] = [m[1] as 'mimeType' | 'name', m[2], unescape(m[3]!)];
    return (f) => (f[field] === value) === (op === '=');
  }
  m = new RegExp(`^(name|fullText)\\s+contains\\s+${STR}$`, 'i').exec(clause);
  if (m) {
    const value = unescape(m[2]!).toLowerCase();
    if (m[1] === 'name') return (f) => f.name.toLowerCase().includes(value);
    return (f) => f.name.toLowerCase().includes(value) || (f.doc?.body.text.toLowerCase().includes(value) ?? false);
  }
  m = /^trashed\s*(=|!=)\s*(true|false)$/.exec(clause);
  if (m) {
    const wantTrashed = (m[1] === '=') === (m[2] === 'true');
    return () => !wantTrashed; // nothing in the local Drive is ever trashed
  }
  m = new RegExp(`^${STR}\\s+in\\s+owners$`).exec(clause);
  if (m) {
    const who = unescape(m[1]!).toLowerCase();
    const email = who === 'me' ? viewer.toLowerCase() : who;
    return (f) => f.owner.email.toLowerCase() === email;
  }
  throw new DriveQueryError(`unsupported query clause: ${clause}`);
}

function splitOnAnd(q: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < q.length; i++) {
    const c = q[i]!;
    if (c === '\\' && quoted) {
      current += c + (q[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === "'") quoted = !quoted;
    if (!quoted && /^\sand\s/i.test(q.slice(i, i + 5))) {
      parts.push(current);
      current = '';
      i += 4;
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts;
}

/** Sorts by Drive's orderBy ("name", "modifiedTime desc", comma-separated); unknown keys are refused. */
export function sortFiles(files: DriveFile[], orderBy: string | undefined): DriveFile[] {
  if (!orderBy) return files;
  const keys = orderBy.split(',').map((k) => {
    const [field, dir] = k.trim().split(/\s+/);
    if (!field || !['name', 'modifiedTime', 'createdTime'].includes(field) || (dir && dir !== 'desc')) throw new DriveQueryError(`unsupported orderBy: ${k}`);
    return { field: field as 'name' | 'modifiedTime' | 'createdTime', desc: dir === 'desc' };
  });
  return [...files].sort((a, b) => {
    for (const { field, desc } of keys) {
      const c = a[field].localeCompare(b[field]);
      if (c !== 0) return desc ? -c : c;
    }
    return 0;
  });
}
