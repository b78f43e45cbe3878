import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { exportPlainText } from './doc-json';
import { docFromMarkup } from './doc-markup';
import type { DocModel } from './doc-model';
import { HistoryStepSchema, revisionsFromHistory, type StoredRevision } from './revisions';

/** The folder holding the bundled sample assignment and student Docs. */
export const SAMPLE_DATA_DIR = join(__dirname, 'samples');

export const GOOGLE_DOC_MIME = 'application/vnd.google-apps.document';

const OwnerSchema = z.object({ name: z.string().min(1), email: z.email() });

const ManifestSchema = z.object({
  assignment: z.object({
    title: z.string().min(1),
    subject: z.string().min(1),
    gradeLevel: z.string().min(1),
    instructionsFile: z.string().min(1),
  }),
  files: z.array(
    z.object({
      slug: z.string().regex(/^[a-z0-9-]+$/),
      name: z.string().min(1),
      mimeType: z.string().min(1),
      owner: OwnerSchema,
      modifiedTime: z.iso.datetime(),
      /** Markup file (see doc-markup.ts) for Google Docs; other files have no content. */
      source: z.string().optional(),
      /** What the sample is for ("strong", "off-topic", …); never served by the APIs. */
      profile: z.string().optional(),
      /** How the Doc was written, oldest first (its revisions); none: one revision at modifiedTime. */
      history: z.array(HistoryStepSchema).min(1).optional(),
    }),
  ),
});

/** The sample assignment a teacher would type into the add-on's form. */
export interface SampleAssignment {
  title: string;
  subject: string;
  gradeLevel: string;
  /** Plain text, as a teacher would paste it. */
  instructions: string;
}

/** A sample Drive file, ready for the store. */
export interface SampleFile {
  id: string;
  slug: string;
  name: string;
  mimeType: string;
  owner: { name: string; email: string };
  createdTime: string;
  modifiedTime: string;
  profile?: string;
  doc?: DocModel;
  /** Revision history; absent: one revision, by the owner, at modifiedTime. */
  revisions?: StoredRevision[];
}

/**
 * A stable, Drive-shaped id (44 url-safe characters) for a sample, so ids survive restarts and
 * match what Firestore remembers from earlier runs.
 */
export function sampleFileId(slug: string): string {
  return `1${createHash('sha256').update(`gradebot-sample:${slug}`).digest('base64url').slice(0, 43)}`;
}

function readManifest(dataDir: string) {
  return ManifestSchema.parse(JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')));
}

/** The sample assignment's title, subject, grade level and instructions. */
export function loadSampleAssignment(dataDir = SAMPLE_DATA_DIR): SampleAssignment {
  const { assignment } = readManifest(dataDir);
  const doc = docFromMarkup(readFileSync(join(dataDir, assignment.instructionsFile), 'utf8'));
  const instructions = exportPlainText(doc).replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  return { title: assignment.title, subject: assignment.subject, gradeLevel: assignment.gradeLevel, instructions };
}

/** Every sample file of a data folder, Docs parsed into documents. */
export function loadSampleFiles(dataDir = SAMPLE_DATA_DIR): SampleFile[] {
  return readManifest(dataDir).files.map((f) => {
    const isDoc = f.mimeType === GOOGLE_DOC_MIME;
    if (isDoc && !f.source) throw new Error(`sample ${f.slug} is a Google Doc but names no source file`);
    const doc = isDoc ? docFromMarkup(readFileSync(join(dataDir, f.source!), 'utf8')) : undefined;
    const revisions = doc && f.history ? revisionsFromHistory(exportPlainText(doc), f.history, f.owner) : undefined;
    const modifiedTime = revisions ? revisions[revisions.length - 1]!.modifiedTime : f.modifiedTime;
    const createdTime = revisions ? revisions[0]!.modifiedTime : new Date(Date.parse(f.modifiedTime) - 3 * 86_400_000).toISOString();
    return { id: sampleFileId(f.slug), slug: f.slug, name: f.name, mimeType: f.mimeType, owner: f.owner, createdTime, modifiedTime, profile: f.profile, doc, ...(revisions ? { revisions } : {}) };
  });
}
