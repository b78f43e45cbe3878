import { FieldPath, Timestamp } from '@google-cloud/firestore';
import { z } from 'zod';
import type { AssignmentPage, PageQuery } from '../../shared/api';
import { AssignmentSchema } from '../../shared/domain';
import { timestampsToDates } from '../store/converter';
import type { Paths } from '../store/paths';
import type { ReadCounter } from './read-counter';
import { validationError } from './validate';

/**
 * GET /assignments: the teacher's assignments, newest first, a page at a time. Only the fields a
 * list line shows are fetched (`select`), so a page costs one read per line and no rubric or work
 * list crosses the wire. Production needs the composite index (userId ASC, createdAt DESC,
 * __name__ DESC) — see docs/api.md.
 */

const LIST_FIELDS = ['title', 'subject', 'gradeLevel', 'status', 'createdAt', 'progress'] as const;
const ListedSchema = AssignmentSchema.pick({ title: true, subject: true, gradeLevel: true, status: true, createdAt: true, progress: true });

/** The cursor: where the previous page stopped (creation time and id break ties), opaque to clients. */
const CursorSchema = z.object({ t: z.number().int(), id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/) });

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify({ t: createdAt.getTime(), id })).toString('base64url');
}

function decodeCursor(cursor: string): z.infer<typeof CursorSchema> {
  try {
    return CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw validationError([{ path: 'cursor', message: 'is not a cursor from a previous page; start from the first page' }]);
  }
}

export async function listAssignments(paths: Paths, reads: ReadCounter, teacherId: string, page: PageQuery): Promise<AssignmentPage> {
  let query = paths
    .assignments()
    .withConverter(null)
    .where('userId', '==', teacherId)
    .orderBy('createdAt', 'desc')
    .orderBy(FieldPath.documentId(), 'desc')
    .select(...LIST_FIELDS);
  if (page.cursor) {
    const c = decodeCursor(page.cursor);
    query = query.startAfter(Timestamp.fromMillis(c.t), c.id);
  }
  // One extra document says whether a next page exists without a second query.
  const snap = await query.limit(page.limit + 1).get();
  reads.add(Math.max(1, snap.size));
  const docs = snap.docs.slice(0, page.limit);
  const items = docs.map((d) => {
    const a = ListedSchema.parse(timestampsToDates(d.data()));
    return { id: d.id, title: a.title, subject: a.subject, gradeLevel: a.gradeLevel, status: a.status, createdAt: a.createdAt.toISOString(), progress: { ...a.progress } };
  });
  const last = docs.at(-1);
  const nextCursor = snap.size > page.limit && last ? encodeCursor((last.get('createdAt') as Timestamp).toDate(), last.id) : null;
  return { items, nextCursor };
}
