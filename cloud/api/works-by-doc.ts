import type { Timestamp } from '@google-cloud/firestore';
import { type DocWorksResponse, workViewFrom } from '../../shared/api';
import { type Assignment, StudentWorkStatusSchema } from '../../shared/domain';
import { COLLECTIONS, type Paths } from '../store/paths';
import type { ReadCounter } from './read-counter';
import { googleDocId } from './validate';

/** Matches listed for one Doc (the contract's maximum). */
const MAX_MATCHES = 20;

/**
 * GET /works/by-doc/:googleDocId — "is the Doc open in the editor a student work of mine?". A
 * collection-group query over works (only the teacher's, only the fields a match line needs), then
 * the titles of the assignments they belong to and the newest match in full. Production needs the
 * collection-group index (userId ASC, selectedDocument.googleDocId ASC, createdAt DESC): docs/api.md.
 */
export async function findWorksByDoc(paths: Paths, reads: ReadCounter, teacherId: string, rawDocId: string | undefined): Promise<DocWorksResponse> {
  const docId = googleDocId(rawDocId);
  const snap = await paths.db
    .collectionGroup(COLLECTIONS.works)
    .where('userId', '==', teacherId)
    .where('selectedDocument.googleDocId', '==', docId)
    .orderBy('createdAt', 'desc')
    .limit(MAX_MATCHES)
    .select('assignmentId', 'status', 'createdAt')
    .get();
  reads.add(Math.max(1, snap.size));
  const first = snap.docs[0];
  if (!first) return { latest: null, matches: [] };

  const assignmentIds = [...new Set(snap.docs.map((d) => String(d.get('assignmentId'))))];
  const assignments = await reads.getAll<Assignment[]>(paths.db, ...assignmentIds.map((id) => paths.assignment(id)));
  const byId = new Map(assignments.map((s) => [s.id, s.data()]));
  const latestWork = (await reads.get(paths.work(String(first.get('assignmentId')), first.id))).data();
  const latestAssignment = byId.get(String(first.get('assignmentId')));

  const matches = snap.docs.flatMap((d) => {
    const a = byId.get(String(d.get('assignmentId')));
    // A work whose assignment is gone (deleted mid-way) or belongs to someone else is not listed.
    if (!a || a.userId !== teacherId) return [];
    return [{ assignmentId: a.id, assignmentTitle: a.title, workId: d.id, status: StudentWorkStatusSchema.parse(d.get('status')), createdAt: (d.get('createdAt') as Timestamp).toDate().toISOString() }];
  });
  const latest = latestWork && latestAssignment && latestAssignment.userId === teacherId ? workViewFrom(latestWork, latestAssignment) : null;
  return { latest, matches };
}
