import type { Assignment, LlmRequest, LlmRequestType, Plan, ProcessingMetric, TaskKind, User } from '../../shared/domain';
import { createCostLedger } from '../../cloud/llm/cost-ledger';
import { NO_TOKENS, recordId, toLlmRequest } from '../../cloud/llm/cost-record';
import { recordAssignmentProcessed, recordProcessingRollup } from '../../cloud/metrics/processing-rollups';
import { recordAssignmentCreated, recordFeedbackEdited, recordFeedbackSent, recordTaskCompleted, recordWorkGraded } from '../../cloud/stats/record';
import { EDIT_PIECES } from '../../cloud/stats/usage-rollups';
import { recordQualityDelta } from '../../cloud/quality/quality-rollups';
import { FEEDBACK_PROMPT_VERSION } from '../../prompts/version';
import { addQuality, emptyQuality, type QualityCounts } from '../../shared/rules/feedback-quality';
import type { Paths } from '../../cloud/store/paths';

/**
 * Demo data for the admin dashboard: a few teachers' assignments over the last N days, written the
 * way production writes them — every LLM call through the real cost ledger (records + rollups +
 * the assignment's cost), every pipeline run as a ProcessingMetric with its rollup, and the
 * product-usage events through cloud/stats. Deterministic for a seed; skipped when already seeded.
 * No student text is written (the dashboard never reads it).
 */

export interface DemoOptions {
  paths: Paths;
  now: Date;
  /** Days back from `now` (default 30). */
  days?: number;
  /** Paid teachers' assignments each over the period (default 8; free teachers get 1–2). */
  assignmentsPerTeacher?: number;
  /** Most works an assignment gets (default 35). */
  maxWorks?: number;
  seed?: number;
}

export interface DemoSummary {
  skipped: boolean;
  teachers: { id: string; email: string; plan: Plan }[];
  assignments: number;
  requests: number;
}

const TEACHERS: { id: string; email: string; plan: Plan; timeZone: string }[] = [
  { id: 'demo-teacher-rivera', email: 'ms.rivera@westbrook.example', plan: 'paid', timeZone: 'America/New_York' },
  { id: 'demo-teacher-okafor', email: 'd.okafor@lakeside.example', plan: 'paid', timeZone: 'America/Chicago' },
  { id: 'demo-teacher-patel', email: 'a.patel@northfield.example', plan: 'paid', timeZone: 'America/Los_Angeles' },
  { id: 'demo-teacher-chen', email: 'j.chen@hillcrest.example', plan: 'free', timeZone: 'America/Denver' },
];

/** The models `loadLlmConfig` defaults to; feedback ran on Haiku 4.5 until 12 days ago (a switch the chart shows). */
const MODEL: Record<TaskKind, (daysAgo: number) => string> = {
  rubric: () => 'claude-sonnet-5-5',
  feedback: (daysAgo) => (daysAgo > 12 ? 'claude-haiku-4-5' : 'claude-haiku-5-5'),
  summary: () => 'claude-sonnet-5-5',
};
/** Assignment titles as teachers write them (teacher-chosen, never student text). */
const TITLES = [
  'Later school start: persuasive essay', 'Narrative: a moment that changed me', 'Lab report: plant growth and light', 'Should phones be allowed in class?',
  'Literary analysis: The Giver', 'Compare two poems about home', 'Research summary: our river’s water quality', 'Book review: a novel of your choice',
  'Letter to the city council', 'Historical argument: the causes of WWI',
];
const TYPE: Record<TaskKind, LlmRequestType> = { rubric: 'rubric_generation', feedback: 'student_feedback', summary: 'assignment_summary' };

/** mulberry32: small, seedable, good enough for demo numbers. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), chance: (p: number) => next() < p };
}

export async function seedAdminDemo(opts: DemoOptions): Promise<DemoSummary> {
  const { paths, now } = opts;
  const days = opts.days ?? 30;
  const r = rng(opts.seed ?? 20260314);
  const teachers = TEACHERS.map(({ id, email, plan }) => ({ id, email, plan }));
  if ((await paths.user(TEACHERS[0]!.id).get()).exists) return { skipped: true, teachers, assignments: 0, requests: 0 };
  const ledger = createCostLedger({ paths, now: () => now });
  let assignments = 0;
  let requests = 0;

  for (const [ti, t] of TEACHERS.entries()) {
    await paths.user(t.id).set(demoUser(t, now));
    const count = t.plan === 'paid' ? (opts.assignmentsPerTeacher ?? 8) : r.int(1, 2);
    for (let k = 0; k < count; k++) {
      // Spread over the period; the first teacher's last assignment ran half an hour ago ("today").
      const start = ti === 0 && k === count - 1 ? new Date(now.getTime() - 30 * 60_000) : new Date(now.getTime() - r.int(1, days * 24 - 2) * 3_600_000);
      const n = await seedAssignment({ paths, ledger: ledger.record, r, t, id: `demo-${t.id.slice(13)}-${k + 1}`, start, now, maxWorks: opts.maxWorks ?? 35 });
      assignments += 1;
      requests += n;
    }
  }
  return { skipped: false, teachers, assignments, requests };
}

interface AssignmentSeed {
  paths: Paths;
  ledger: (r: LlmRequest) => Promise<unknown>;
  r: ReturnType<typeof rng>;
  t: (typeof TEACHERS)[number];
  id: string;
  start: Date;
  now: Date;
  maxWorks: number;
}

/** One assignment's whole pipeline: rubric, a feedback task per work (some retried), the summary. */
async function seedAssignment(s: AssignmentSeed): Promise<number> {
  const { paths, r, t, id, start } = s;
  const works = r.int(Math.min(4, s.maxWorks), s.maxWorks);
  const rubricMode = r.chance(0.7) ? 'generate' : 'paste';
  const daysAgo = Math.floor((s.now.getTime() - start.getTime()) / 86_400_000);
  const batch = paths.db.batch();
  let at = start.getTime();
  let calls = 0;
  const llm: LlmRequest[] = [];

  const run = (kind: TaskKind, workId: string | null, ms: number, retryCount: number, ok: boolean, tokens: typeof NO_TOKENS) => {
    const startedAt = new Date(at);
    at += ms;
    const model = MODEL[kind](daysAgo);
    const callId = `${kind}-${id}${workId ? `-${workId}` : ''}-a${retryCount}`;
    const req = toLlmRequest({
      recordId: recordId(callId, `req_demo_${++calls}`), requestType: TYPE[kind], model, tokens: ok ? tokens : NO_TOKENS,
      durationMs: ms - r.int(200, 900), providerRequestId: `req_demo_${id}_${calls}`, userId: t.id, assignmentId: id, workId,
      status: ok ? 'succeeded' : 'failed', error: ok ? null : 'overloaded_error: the model is busy (529)', at: new Date(at),
    });
    llm.push(req);
    const metric: ProcessingMetric = {
      id: `${callId}-r${retryCount}`, kind, userId: t.id, assignmentId: id, workId, startedAt, completedAt: new Date(at), durationMs: ms,
      stepsMs: { collect: 40, prompt: 2, llm: req.durationMs, store: 60 }, status: ok ? 'completed' : 'failed', error: ok ? null : 'overloaded',
      retryCount, promptLength: 4000, promptTemplate: kind, model, inputTokens: ok ? tokens.inputTokens : null, outputTokens: ok ? tokens.outputTokens : null,
      costUsd: ok ? req.costUsd : null, droppedEvidenceCount: kind === 'feedback' ? 0 : null,
    };
    batch.create(paths.processingMetric(metric.id), metric);
    recordProcessingRollup(batch, paths, metric);
  };

  const prefix = r.int(2200, 3200);
  run('rubric', null, r.chance(0.05) ? r.int(61_000, 80_000) : r.int(12_000, 45_000), 0, true, { ...NO_TOKENS, inputTokens: r.int(900, 2500), outputTokens: r.int(900, 1600) });
  await recordTaskCompleted(batch, paths, { userId: t.id, at: new Date(at), kind: 'rubric' });
  const rubricDone = at;
  let graded = 0;
  let latest = at;
  // Feedback quality from its own generator, so the other demo numbers stay as they were.
  const q = rng(hashOf(id));
  const tone = (['encouraging', 'neutral', 'critical'] as const)[q.int(0, 2)]!;
  let kept = emptyQuality();
  for (let w = 1; w <= works; w++) {
    // Works run in parallel (the queue's dispatch rate): each starts shortly after the rubric.
    at = rubricDone + r.int(0, 4) * 20_000 + Math.floor(w / 10) * 40_000;
    const workId = `w${w}`;
    const tokens = { ...NO_TOKENS, inputTokens: r.int(500, 2700), outputTokens: r.int(650, 1200), ...(w === 1 ? { cacheWrite5mTokens: prefix } : { cacheReadTokens: prefix }) };
    if (r.chance(0.04)) run('feedback', workId, r.int(3_000, 20_000), 0, false, tokens);
    run('feedback', workId, r.chance(0.03) ? r.int(91_000, 130_000) : r.int(8_000, 42_000), llm.at(-1)?.workId === workId ? 1 : 0, true, tokens);
    graded += 1;
    await recordWorkGraded(batch, paths, { userId: t.id, timeZone: t.timeZone, at: new Date(at) });
    const edited = r.chance(0.35);
    if (edited) await recordFeedbackEdited(batch, paths, { userId: t.id, timeZone: t.timeZone, at: new Date(at + 3_600_000), piece: EDIT_PIECES[r.int(0, 4)]! });
    const sent = r.chance(0.6);
    if (sent) await recordFeedbackSent(batch, paths, { userId: t.id, timeZone: t.timeZone, at: new Date(at + 7_200_000), sections: r.chance(0.5) ? ['qualitativeFeedback', 'feedbackItems'] : ['qualitativeFeedback'] });
    if (edited || sent) {
      const share = demoQualityShare(q, daysAgo);
      kept = addQuality(kept, share);
      await recordQualityDelta(batch, paths, { id, userId: t.id }, { day: new Date(at).toISOString().slice(0, 10), model: MODEL.feedback(daysAgo), prompt: daysAgo > 20 ? 'feedback-demo0001' : FEEDBACK_PROMPT_VERSION, tone }, share);
    }
    latest = Math.max(latest, at);
  }
  at = latest;
  run('summary', null, r.int(15_000, 50_000), 0, true, { ...NO_TOKENS, inputTokens: works * r.int(250, 400), outputTokens: r.int(1000, 1800) });
  await recordTaskCompleted(batch, paths, { userId: t.id, at: new Date(at), kind: 'summary' });
  const completedAt = new Date(at);
  recordAssignmentProcessed(batch, paths, { assignmentId: id, works, durationMs: at - start.getTime(), completedAt });
  await recordAssignmentCreated(batch, paths, { userId: t.id, timeZone: t.timeZone, at: start, works, rejectedAtIntake: 0, rubricMode, feedbackTone: tone });
  batch.set(paths.assignment(id), demoAssignment({ id, titleIndex: s.r.int(0, TITLES.length - 1), userId: s.t.id, works, graded, rubricMode, start, completedAt, tone, quality: { reviewedWorks: kept.works, levels: kept.levels, kept: kept.exact } }));
  await batch.commit();
  // After the assignment exists, so the ledger adds each call's cost to it, as in production.
  for (const req of llm) await s.ledger(req);
  return llm.length;
}

const hashOf = (s: string) => [...s].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);

/**
 * A reviewed work's quality share on a 4-criterion, 4-level rubric: the teacher keeps most levels,
 * more with the newer feedback model, and moves the rest by one level (rarely two).
 */
function demoQualityShare(q: ReturnType<typeof rng>, daysAgo: number): QualityCounts {
  const share = emptyQuality();
  const keep = daysAgo > 12 ? 0.72 : 0.86;
  share.works = 1;
  for (let c = 0; c < 4; c++) {
    const ai = q.int(0, 3);
    const move = q.chance(keep) ? 0 : q.chance(0.85) ? 1 : 2;
    const teacher = Math.min(3, Math.max(0, ai + (q.chance(0.5) ? move : -move)));
    share.levels += 1;
    if (ai === teacher) share.exact += 1;
    if (Math.abs(ai - teacher) <= 1) share.adjacent += 1;
    const cells = (share.matrices[`k4:c${c}`] ??= {});
    cells[`${ai}_${teacher}`] = (cells[`${ai}_${teacher}`] ?? 0) + 1;
  }
  share.qualitative = { total: 1, edited: q.chance(0.3) ? 1 : 0 };
  const items = q.int(3, 5);
  share.items = { total: items, edited: q.int(0, 1) };
  share.explanations = { total: 4, edited: q.int(0, 2) };
  return share;
}

function demoUser(t: (typeof TEACHERS)[number], now: Date): User {
  const paid = t.plan === 'paid';
  return {
    id: t.id, email: t.email, timeZone: t.timeZone, plan: t.plan,
    subscription: { status: paid ? 'active' : 'none', stripeCustomerId: paid ? `cus_demo_${t.id.slice(13)}` : null, stripeSubscriptionId: paid ? `sub_demo_${t.id.slice(13)}` : null, currentPeriodEnd: paid ? new Date(now.getTime() + 20 * 86_400_000) : null, cancelAtPeriodEnd: false, lastEventCreated: null },
    usage: {}, createdAt: new Date(now.getTime() - 90 * 86_400_000), updatedAt: now,
  };
}

function demoAssignment(a: { id: string; titleIndex: number; userId: string; works: number; graded: number; rubricMode: 'generate' | 'paste'; start: Date; completedAt: Date; tone: Assignment['feedbackTone']; quality: Assignment['quality'] }): Assignment {
  return {
    id: a.id, userId: a.userId, title: TITLES[a.titleIndex % TITLES.length]!, subject: 'English', gradeLevel: 'Grade 8',
    instructions: 'Demo data for the admin dashboard.', rubricMode: a.rubricMode, rawRubricText: null, feedbackTone: a.tone, status: 'complete', rubric: null, quality: a.quality,
    progress: { total: a.works, completed: a.graded, failed: a.works - a.graded, rubricDone: true, summaryDone: true },
    works: Array.from({ length: a.works }, (_, i) => ({ id: `w${i + 1}`, title: `Student ${i + 1}`, googleDocId: `demo-doc-${a.id}-${i + 1}`, status: 'completed' as const, failureReason: null })),
    costUsd: 0, totalProcessingMs: a.completedAt.getTime() - a.start.getTime(), quotaMonth: a.start.toISOString().slice(0, 7),
    createdAt: a.start, updatedAt: a.completedAt, processingStartedAt: a.start, completedAt: a.completedAt, purgeTextAt: null,
  };
}
