import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { type DocModel, fromStoredDoc, toStoredDoc } from './doc-model';
import { exportPlainText } from './doc-json';
import { type StoredRevision, StoredRevisionSchema, withSave } from './revisions';
import type { SampleFile } from './samples';

/** A file in the local Drive. */
export interface DriveFile extends SampleFile {
  /** Who sees the file in Drive and so in the Picker: everyone ("*"), or these emails. */
  sharedWith: '*' | string[];
}

export type TokenCheck = { ok: true; email: string } | { ok: false; reason: 'invalid' | 'expired' };

export interface DriveStoreOptions {
  files: DriveFile[];
  now: () => Date;
  tokenLifetimeSeconds: number;
  /** A JSON file that keeps documents, grants and tokens across restarts; none: memory only. */
  statePath?: string;
}

const StoredFileSchema = z.object({
  id: z.string().min(1),
  slug: z.string(),
  name: z.string(),
  mimeType: z.string(),
  owner: z.object({ name: z.string(), email: z.string() }),
  createdTime: z.string(),
  modifiedTime: z.string(),
  profile: z.string().optional(),
  sharedWith: z.union([z.literal('*'), z.array(z.string())]),
  doc: z.unknown().optional(),
  revisions: z.array(StoredRevisionSchema).optional(),
});

const StateSchema = z.object({
  version: z.literal(1),
  files: z.array(StoredFileSchema),
  grants: z.record(z.string(), z.array(z.string())),
  tokens: z.record(z.string(), z.object({ email: z.string(), expiresAt: z.number() })),
});

const norm = (email: string) => email.trim().toLowerCase();

/** "demo.teacher@school.example" → "Demo Teacher": a display name for someone the samples do not name. */
const nameFromEmail = (email: string) =>
  email
    .split('@')[0]!
    .split(/[._-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');

/**
 * Files, per-user OAuth tokens and the drive.file grants between them. Under the drive.file scope
 * an app sees only the files the user opened with it (Picker, Drive selection), so every read
 * and write is checked against the grants of the token's user.
 */
export class DriveStore {
  private files = new Map<string, DriveFile>();
  private grants = new Map<string, Set<string>>();
  private tokens = new Map<string, { email: string; expiresAt: number }>();

  constructor(private readonly opts: DriveStoreOptions) {
    if (opts.statePath && existsSync(opts.statePath)) this.load(opts.statePath);
    else this.replaceFiles(opts.files);
  }

  issueToken(email: string): { token: string; expiresIn: number } {
    const token = `ya29.local-${randomBytes(24).toString('base64url')}`;
    const expiresAt = this.opts.now().getTime() + this.opts.tokenLifetimeSeconds * 1000;
    this.tokens.set(token, { email: norm(email), expiresAt });
    this.save();
    return { token, expiresIn: this.opts.tokenLifetimeSeconds };
  }

  checkToken(token: string): TokenCheck {
    const entry = this.tokens.get(token);
    if (!entry) return { ok: false, reason: 'invalid' };
    if (entry.expiresAt <= this.opts.now().getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, email: entry.email };
  }

  revokeToken(token: string): void {
    this.tokens.delete(token);
    this.save();
  }

  /** Grants files to a user, as the Picker or a Drive selection does. Unknown ids throw. */
  grant(email: string, fileIds: readonly string[]): void {
    const unknown = fileIds.filter((id) => !this.files.has(id));
    if (unknown.length > 0) throw new Error(`no such file: ${unknown.join(', ')}`);
    const set = this.grants.get(norm(email)) ?? new Set<string>();
    for (const id of fileIds) set.add(id);
    this.grants.set(norm(email), set);
    this.save();
  }

  isGranted(email: string, fileId: string): boolean {
    return this.grants.get(norm(email))?.has(fileId) ?? false;
  }

  grantedIds(email: string): string[] {
    return [...(this.grants.get(norm(email)) ?? [])];
  }

  get(fileId: string): DriveFile | undefined {
    return this.files.get(fileId);
  }

  all(): DriveFile[] {
    return [...this.files.values()];
  }

  canSee(email: string, file: DriveFile): boolean {
    const e = norm(email);
    return file.sharedWith === '*' || norm(file.owner.email) === e || file.sharedWith.some((s) => norm(s) === e);
  }

  visibleTo(email: string): DriveFile[] {
    return this.all().filter((f) => this.canSee(email, f));
  }

  add(file: DriveFile): void {
    if (this.files.has(file.id)) throw new Error(`file ${file.id} already exists`);
    this.files.set(file.id, file);
    this.save();
  }

  /** Stores a document's new version, bumps the file's modifiedTime and records the save in its history. */
  updateDoc(fileId: string, doc: DocModel, editorEmail?: string): void {
    const file = this.files.get(fileId);
    if (!file) throw new Error(`no such file: ${fileId}`);
    const at = this.opts.now();
    const author = !editorEmail || norm(editorEmail) === norm(file.owner.email) ? file.owner : { name: nameFromEmail(editorEmail), email: editorEmail };
    file.revisions = withSave(this.revisionsOf(file), { at, author, text: exportPlainText(doc) });
    file.doc = doc;
    file.modifiedTime = at.toISOString();
    this.save();
  }

  /** A Doc's revisions, oldest first; a Doc with no recorded history has one, by its owner. */
  revisionsOf(file: DriveFile): StoredRevision[] {
    if (file.revisions) return file.revisions;
    if (!file.doc) return [];
    return [{ id: '1', modifiedTime: file.modifiedTime, author: file.owner, text: exportPlainText(file.doc) }];
  }

  /** Back to the given files, with no grants; tokens stay valid. */
  reset(files: DriveFile[]): void {
    this.replaceFiles(files);
    this.grants.clear();
    this.save();
  }

  private replaceFiles(files: DriveFile[]): void {
    this.files = new Map(files.map((f) => [f.id, f]));
  }

  private load(path: string): void {
    const state = StateSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    const files = state.files.map((f): DriveFile => ({ ...f, doc: f.doc === undefined ? undefined : fromStoredDoc(f.doc) }));
    this.replaceFiles(files);
    this.grants = new Map(Object.entries(state.grants).map(([e, ids]) => [e, new Set(ids)]));
    this.tokens = new Map(Object.entries(state.tokens));
  }

  private save(): void {
    const path = this.opts.statePath;
    if (!path) return;
    const state: z.infer<typeof StateSchema> = {
      version: 1,
      files: this.all().map((f) => ({ ...f, doc: f.doc ? toStoredDoc(f.doc) : undefined })),
      grants: Object.fromEntries([...this.grants].map(([e, ids]) => [e, [...ids]])),
      tokens: Object.fromEntries(this.tokens),
    };
    mkdirSync(dirname(path), { recursive: true });
    // Write then rename, so a crash mid-write never leaves half a state file behind.
    writeFileSync(`${path}.tmp`, JSON.stringify(state));
    renameSync(`${path}.tmp`, path);
  }
}
