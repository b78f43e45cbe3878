import type { Firestore } from '@google-cloud/firestore';
import type { AdmissionInput, AdmissionRequest } from '../../cloud/pipeline/admission';
import { createPaths } from '../../cloud/store/paths';
import { COLLECTIONS } from '../../cloud/store/paths';

const SENTENCES = [
  'Schools should start later because teenagers need more sleep.',
  'Research from sleep scientists shows that adolescents fall asleep later at night.',
  'When classes begin at seven thirty, many students arrive tired and distracted.',
  'A later start could improve attendance and grades.',
  'Some parents worry that a later schedule would disrupt sports and jobs.',
  'However, districts that changed their schedules reported fewer car accidents.',
  'I believe the benefits for health and learning outweigh the costs.',
  'My own mornings would be calmer if school started at nine.',
];

/** A plausible essay of about `words` words (whole sentences), different per seed. */
export function essay(seed: number, words = 120): string {
  const out: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const s = SENTENCES[(seed + i * 3) % SENTENCES.length]!;
    out.push(s);
    count += s.split(/\s+/).length;
  }
  return out.join(' ');
}

/** Exactly `n` words. */
export const wordsOf = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

export function doc(i: number, text: string) {
  const id = `doc-${String(i).padStart(6, '0')}-abcdef`;
  return { googleDocId: id, title: `Student ${i}`, url: `https://docs.google.com/document/d/${id}/edit`, text };
}

export function request(texts: string[], over: Partial<AdmissionRequest> = {}): AdmissionRequest {
  return {
    clientRequestId: `req-${Math.random().toString(36).slice(2, 12)}`,
    title: 'Later school start: persuasive essay',
    subject: 'English',
    gradeLevel: 'Grade 8',
    instructions: 'Argue for or against a later school start time. Use evidence from at least two sources and address a counterargument.',
    rubricMode: 'generate',
    pastedRubric: null,
    feedbackTone: 'encouraging',
    documents: texts.map((t, i) => doc(i, t)),
    ...over,
  };
}

export const teacher = (id = 'teacher-1') => ({ id });

export function admission(texts: string[], over: Partial<AdmissionRequest> = {}, userId = 'teacher-1'): AdmissionInput {
  return { user: teacher(userId), request: request(texts, over) };
}

/** Everything the pipeline left behind for one assignment, read back from Firestore. */
export async function readBack(db: Firestore, assignmentId: string) {
  const paths = createPaths(db);
  const [a, works, texts, summary, metrics, llm, runs] = await Promise.all([
    paths.assignment(assignmentId).get(),
    paths.works(assignmentId).get(),
    paths.texts(assignmentId).get(),
    paths.summary(assignmentId).get(),
    paths.processingMetrics().where('assignmentId', '==', assignmentId).get(),
    paths.llmRequests().where('assignmentId', '==', assignmentId).get(),
    db.collection(COLLECTIONS.taskRuns).get(),
  ]);
  return {
    assignment: a.data()!,
    works: works.docs.map((d) => d.data()).sort((x, y) => x.position - y.position),
    /** Each work's stored text by work id (null: not kept). */
    texts: Object.fromEntries(texts.docs.map((d) => [d.id, d.data().text])),
    summary: summary.data(),
    metrics: metrics.docs.map((d) => d.data()),
    costRecords: llm.docs.map((d) => d.data()),
    taskRuns: runs.docs.filter((d) => String(d.id).includes(assignmentId)).length,
  };
}
