import type { z } from 'zod';
import {
  type AssignmentDetail,
  AssignmentDetailSchema,
  RubricViewSchema,
  WorkViewSchema,
  type AssignmentListItem,
  DOCUMENT_REASONS,
  type DocumentRef,
  type MeResponse,
  type StatsResponse,
  type WorkView,
} from '../../../shared/api';

/** Contract-valid sample answers for add-on tests; override what a test is about. */

export const T0 = '2025-09-02T14:00:00.000Z';

export function docRef(i: number): DocumentRef {
  const id = `doc${String(i).padStart(3, '0')}abcdefghij`;
  return { googleDocId: id, title: `Essay ${i}`, url: `https://docs.google.com/document/d/${id}/edit` };
}

export const rubric = RubricViewSchema.parse({
  source: 'generated' as const,
  criteria: [
    {
      id: 'c1',
      title: 'Thesis',
      description: 'States a clear, arguable claim',
      position: 0,
      levels: [
        { id: 'c1l1', title: 'Exemplary', description: 'Precise and arguable', position: 0 },
        { id: 'c1l2', title: 'Developing', description: 'Present but vague', position: 1 },
      ],
    },
    {
      id: 'c2',
      title: 'Evidence',
      description: 'Supports the claim with quotations',
      position: 1,
      levels: [
        { id: 'c2l1', title: 'Strong', description: 'Relevant, well chosen', position: 0 },
        { id: 'c2l2', title: 'Weak', description: 'Thin or off topic', position: 1 },
      ],
    },
  ],
});

const text = (s: string, editedAt: string | null = null) => ({ original: s, current: s, editedAt });

export function detail(over: Partial<z.input<typeof AssignmentDetailSchema>> = {}): AssignmentDetail {
  return AssignmentDetailSchema.parse({
    id: 'a1',
    title: 'Persuasive essay',
    subject: 'English',
    gradeLevel: 'Grade 8',
    instructions: 'Write a persuasive essay about school uniforms. '.repeat(10),
    rubricMode: 'generate',
    feedbackTone: 'encouraging',
    status: 'processing',
    createdAt: T0,
    completedAt: null,
    rubric: null,
    progress: { total: 3, completed: 0, failed: 0, rubricDone: false, summaryDone: false },
    estimate: { text: 'Calculating estimated completion time...', remainingSeconds: null },
    works: [
      { id: 'w1', title: 'Essay 1', googleDocId: docRef(1).googleDocId, status: 'pending', failureReason: null },
      { id: 'w2', title: 'Essay 2', googleDocId: docRef(2).googleDocId, status: 'pending', failureReason: null },
      { id: 'w3', title: 'Essay 3', googleDocId: docRef(3).googleDocId, status: 'pending', failureReason: null },
    ],
    summary: null,
    ...over,
  });
}

export function completeDetail(): AssignmentDetail {
  return detail({
    status: 'complete',
    completedAt: '2025-09-02T14:20:00.000Z',
    rubric,
    progress: { total: 3, completed: 2, failed: 1, rubricDone: true, summaryDone: true },
    estimate: { text: 'Total processing time: 3 minutes (60 seconds per student work on average)', remainingSeconds: 0 },
    works: [
      { id: 'w1', title: 'Essay 1', googleDocId: docRef(1).googleDocId, status: 'completed', failureReason: null },
      { id: 'w2', title: 'Essay 2', googleDocId: docRef(2).googleDocId, status: 'completed', failureReason: null },
      { id: 'w3', title: 'Essay 3', googleDocId: docRef(3).googleDocId, status: 'failed', failureReason: DOCUMENT_REASONS.tooLong() },
    ],
    summary: {
      studentWorkCount: 2,
      qualitativeInsights: text('The class argued with energy but cited little evidence.'),
      feedbackItems: [
        { id: 's1', kind: 'strength', title: text('Clear claims'), description: text('Most essays open with a claim.'), evidence: '' },
        { id: 's2', kind: 'opportunity', title: text('Cite sources'), description: text('Few essays quote a source.'), evidence: '' },
      ],
      nextSteps: ['Model how to embed a quotation'],
    },
  });
}

export function work(over: Partial<z.input<typeof WorkViewSchema>> = {}): WorkView {
  const d = docRef(1);
  return WorkViewSchema.parse({
    id: 'w1',
    assignmentId: 'a1',
    assignmentTitle: 'Persuasive essay',
    title: d.title,
    googleDocId: d.googleDocId,
    url: d.url,
    status: 'completed',
    failureReason: null,
    wordCount: 640,
    rubric: rubric.criteria,
    sent: [],
    feedback: {
      qualitativeFeedback: text('A confident essay with a clear position.'),
      feedbackItems: [
        { id: 'i1', kind: 'strength', title: text('Strong hook'), description: text('Your opening question draws the reader in.'), evidence: 'Have you ever worn a tie in July?' },
        { id: 'i2', kind: 'opportunity', title: text('Use evidence'), description: text('Support claim two with a source.'), evidence: 'everyone knows uniforms are bad' },
      ],
      criterionLevels: [
        { criterionId: 'c1', levelId: 'c1l1', originalLevelId: 'c1l1', levelEditedAt: null, explanation: text('The claim is precise.') },
        { criterionId: 'c2', levelId: 'c2l2', originalLevelId: 'c2l2', levelEditedAt: null, explanation: text('Only one quotation.') },
      ],
      summary: text('Argues against uniforms using personal experience.'),
      question: text('Which source could support your second claim?'),
      checks: [
        { type: 'ai_generated', score: 12, explanation: 'Varied sentence rhythm and personal detail.' },
        { type: 'off_topic', score: 3, explanation: 'Stays on the prompt.' },
      ],
      writingGradeLevel: 8.4,
      droppedEvidenceCount: 0,
    },
    writingProcess: null,
    ...over,
  });
}

export function listItem(i: number, over: Partial<AssignmentListItem> = {}): AssignmentListItem {
  return {
    id: `a${i}`,
    title: `Assignment ${i}`,
    subject: 'English',
    gradeLevel: 'Grade 8',
    status: 'complete',
    createdAt: T0,
    progress: { total: 25, completed: 24, failed: 1, rubricDone: true, summaryDone: true },
    ...over,
  };
}

export function me(over: Partial<MeResponse> = {}): MeResponse {
  return {
    email: 'teacher@school.example',
    plan: 'free',
    timeZone: 'America/New_York',
    usage: {
      month: '2025-09',
      monthLabel: 'September 2025',
      used: 0,
      limit: 1,
      remaining: 1,
      resetsOn: '2025-10-01',
      note: 'Your monthly allowance follows the calendar month in your time zone (America/New_York) and resets at midnight on the 1st.',
    },
    subscription: { status: 'none', cancelAtPeriodEnd: false, currentPeriodEnd: null },
    ...over,
  };
}

export function stats(over: Partial<StatsResponse> = {}): StatsResponse {
  return {
    streak: { current: 4, longest: 9, lastActiveDay: '2025-09-02' },
    totals: { gradingTasks: 57, assignments: 3, worksGraded: 52, feedbackSent: 20 },
    averages: { assignmentsPerMonth: 1.5, worksPerAssignment: 17.3 },
    chart: {
      imageUrl: 'https://api.gradebot.test/charts/u1.png?sig=abc',
      expiresAt: '2025-09-02T15:00:00.000Z',
      from: '2024-09-03',
      to: '2025-09-02',
      activeDays: 2,
      maxPerDay: 25,
      days: [
        { day: '2025-08-28', count: 25 },
        { day: '2025-09-02', count: 7 },
      ],
    },
    ...over,
  };
}
