import type { Firestore } from '@google-cloud/firestore';
import { PROCESSING_KEYS, type ProcessingKey, readProcessingRollups } from '../../cloud/metrics/processing-rollups';
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

export interface ProcessingTotals {
  runs: number;
  completed: number;
  failures: number;
  retries: number;
  durationMsSum: number;
  /** Runs counted in the duration histogram. */
  histogrammed: number;
}

/**
 * The admin dashboard's processing rollups (`readProcessingRollups`), summed over every day, per
 * key. A test reads them before and after its run and compares the difference.
 */
export async function processingTotals(db: Firestore): Promise<Record<ProcessingKey, ProcessingTotals>> {
  const zero = (): ProcessingTotals => ({ runs: 0, completed: 0, failures: 0, retries: 0, durationMsSum: 0, histogrammed: 0 });
  const out = Object.fromEntries(PROCESSING_KEYS.map((k) => [k, zero()])) as Record<ProcessingKey, ProcessingTotals>;
  for (const r of await readProcessingRollups(createPaths(db), { from: '2000-01-01', to: '2999-12-31' })) {
    const t = out[r.key];
    t.runs += r.runs;
    t.completed += r.completed;
    t.failures += r.failures;
    t.retries += r.retries;
    t.durationMsSum += r.durationMsSum;
    t.histogrammed += Object.values(r.histogram).reduce((s, n) => s + n, 0);
  }
  return out;
}

/** after − before, per key and field. */
export function totalsDelta(before: Record<ProcessingKey, ProcessingTotals>, after: Record<ProcessingKey, ProcessingTotals>): Record<ProcessingKey, ProcessingTotals> {
  const minus = (a: ProcessingTotals, b: ProcessingTotals): ProcessingTotals => ({
    runs: a.runs - b.runs,
    completed: a.completed - b.completed,
    failures: a.failures - b.failures,
    retries: a.retries - b.retries,
    durationMsSum: a.durationMsSum - b.durationMsSum,
    histogrammed: a.histogrammed - b.histogrammed,
  });
  return Object.fromEntries(PROCESSING_KEYS.map((k) => [k, minus(after[k], before[k])])) as Record<ProcessingKey, ProcessingTotals>;
}
