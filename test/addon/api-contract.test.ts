import {
  API_ERROR_STATUS,
  API_ROUTES,
  ApiErrorBodySchema,
  AssignmentDetailSchema,
  CreateAssignmentRequestSchema,
  DocWorksResponseSchema,
  HttpUrlSchema,
  MeResponseSchema,
  StatsResponseSchema,
  WorkEditSchema,
  WorkViewSchema,
  assignmentDetailFrom,
  countWords,
  documentProblem,
  fieldErrorsFrom,
  matchRoute,
  routePath,
  workViewFrom,
} from '../../shared/api';
import { aiText, type Assignment, type AssignmentSummary, type StudentWork } from '../../shared/domain';
import { completeDetail, detail, docRef, me, rubric, stats, work } from './support/fixtures';

const fields = {
  clientRequestId: 'draft-12345678',
  title: 'Persuasive essay',
  subject: 'English',
  gradeLevel: 'Grade 8',
  instructions: 'Argue for or against uniforms.',
  rubricMode: 'generate' as const,
  feedbackTone: 'neutral' as const,
};
const docs = (n: number) => Array.from({ length: n }, (_, i) => ({ ...docRef(i + 1), text: 'Some words here.' }));

describe('POST /assignments body', () => {
  test.each([
    ['1 document', 1, true],
    ['35 documents', 35, true],
    ['0 documents', 0, false],
    ['36 documents', 36, false],
  ])('%s', (_label, n, ok) => {
    const result = CreateAssignmentRequestSchema.safeParse({ ...fields, documents: docs(n) });
    expect(result.success).toBe(ok);
    if (!result.success) expect(fieldErrorsFrom(result.error)[0]?.path).toBe('documents');
  });

  test('defaults: no pasted rubric, documents not truncated', () => {
    const parsed = CreateAssignmentRequestSchema.parse({ ...fields, documents: docs(1) });
    expect(parsed.pastedRubric).toBeNull();
    expect(parsed.documents[0]?.truncated).toBe(false);
  });

  test('rubric mode "paste" needs the pasted rubric', () => {
    const bad = CreateAssignmentRequestSchema.safeParse({ ...fields, rubricMode: 'paste', pastedRubric: '  ', documents: docs(1) });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(fieldErrorsFrom(bad.error)).toEqual([{ path: 'pastedRubric', message: 'Paste your rubric, or choose "Generate with AI"' }]);
    expect(CreateAssignmentRequestSchema.safeParse({ ...fields, rubricMode: 'paste', pastedRubric: 'A: great', documents: docs(1) }).success).toBe(true);
  });

  test('field-level messages for a teacher', () => {
    const bad = CreateAssignmentRequestSchema.safeParse({ ...fields, title: 'x'.repeat(10_000), subject: '', feedbackTone: 'harsh', documents: docs(1) });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    const byPath = Object.fromEntries(fieldErrorsFrom(bad.error).map((f) => [f.path, f.message]));
    expect(byPath.title).toBe('Keep a title under 200 characters');
    expect(byPath.subject).toBe('Enter a subject');
    expect(byPath.feedbackTone).toBeDefined();
  });

  test('a Doc chosen twice, a non-Doc id and a bad client request id are refused', () => {
    const twice = [...docs(2), docs(1)[0]!];
    const bad = CreateAssignmentRequestSchema.safeParse({ ...fields, clientRequestId: 'x', documents: [...twice, { ...docRef(9), googleDocId: 'bad id!' , text: '' }] });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    const paths = fieldErrorsFrom(bad.error).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['clientRequestId', 'documents.2.googleDocId', 'documents.3.googleDocId']));
  });

  test('text longer than the add-on may send is refused', () => {
    const big = [{ ...docRef(1), text: 'x'.repeat(60_001) }];
    expect(CreateAssignmentRequestSchema.safeParse({ ...fields, documents: big }).success).toBe(false);
  });
});

describe('documents', () => {
  test('word counting and the teacher-facing problem', () => {
    expect(countWords('  one two\nthree\tfour  ')).toBe(4);
    expect(countWords('')).toBe(0);
    expect(documentProblem({ text: ' \n ' })).toBe('This Doc is empty.');
    expect(documentProblem({ text: 'w '.repeat(2000) })).toBeUndefined();
    // The PRD's wording, the same the pipeline stores as the failed work's reason.
    expect(documentProblem({ text: 'w '.repeat(2001) })).toBe('Longer than 2,000 words');
    expect(documentProblem({ text: 'short', truncated: true })).toBe('Longer than 2,000 words');
    expect(documentProblem({ text: 'w '.repeat(51) }, 50)).toBe('Longer than 50 words');
  });

  test('URLs are checked without the URL global (Apps Script has none)', () => {
    expect(HttpUrlSchema.safeParse('https://docs.google.com/document/d/x/edit').success).toBe(true);
    expect(HttpUrlSchema.safeParse('http://127.0.0.1:8081/charts/a.png?sig=1').success).toBe(true);
    expect(HttpUrlSchema.safeParse('javascript:alert(1)').success).toBe(false);
    expect(HttpUrlSchema.safeParse('https://exa mple.com').success).toBe(false);
  });
});

describe('answers', () => {
  test('fixtures are valid answers (so add-on tests speak the contract)', () => {
    expect(AssignmentDetailSchema.parse(detail())).toEqual(detail());
    expect(AssignmentDetailSchema.parse(completeDetail())).toEqual(completeDetail());
    expect(WorkViewSchema.parse(work())).toEqual(work());
    expect(MeResponseSchema.parse(me())).toEqual(me());
    expect(StatsResponseSchema.parse(stats())).toEqual(stats());
    expect(DocWorksResponseSchema.parse({ latest: null, matches: [] })).toEqual({ latest: null, matches: [] });
  });

  test('error bodies: limits carry what the teacher needs to act', () => {
    const free = ApiErrorBodySchema.parse({ error: { code: 'free_limit', message: 'Upgrade', month: '2025-09', used: 1, limit: 1, checkoutUrl: null } });
    expect(free.error.code).toBe('free_limit');
    expect(ApiErrorBodySchema.safeParse({ error: { code: 'paid_limit', message: 'Wait', month: '2025-09', used: 300, limit: 300 } }).success).toBe(false);
    expect(ApiErrorBodySchema.safeParse({ error: { code: 'validation_failed', message: 'Bad', fields: [{ path: 'title', message: 'Enter a title' }] } }).success).toBe(true);
    expect(ApiErrorBodySchema.safeParse({ error: { code: 'teapot', message: 'x' } }).success).toBe(false);
    expect(API_ERROR_STATUS.free_limit).toBe(402);
    expect(API_ERROR_STATUS.validation_failed).toBe(400);
  });

  test('work edits name one piece each', () => {
    expect(WorkEditSchema.parse({ target: 'question', text: ' Why? ' })).toEqual({ target: 'question', text: 'Why?' });
    expect(WorkEditSchema.safeParse({ target: 'feedbackItem', itemId: 'i1' }).success).toBe(false);
    expect(WorkEditSchema.safeParse({ target: 'criterionLevel', criterionId: 'c1', levelId: 'c1l2', explanation: 'Vague.' }).success).toBe(true);
    expect(WorkEditSchema.safeParse({ target: 'summary', text: '' }).success).toBe(false);
  });
});

describe('routes', () => {
  test('paths are built and matched both ways', () => {
    expect(routePath('getWork', { assignmentId: 'a1', workId: 'w 2' })).toBe('/assignments/a1/works/w%202');
    expect(routePath('listAssignments', {}, { cursor: 'c/1', limit: 20 })).toBe('/assignments?cursor=c%2F1&limit=20');
    expect(matchRoute('PATCH', '/assignments/a1/works/w1')).toEqual({ name: 'editWork', params: { assignmentId: 'a1', workId: 'w1' } });
    expect(matchRoute('POST', '/assignments/a1/works/w1/sent')?.name).toBe('markSent');
    expect(matchRoute('GET', '/assignments/')?.name).toBe('listAssignments');
    expect(matchRoute('PUT', '/assignments')).toBeUndefined();
    for (const [name, spec] of Object.entries(API_ROUTES)) {
      const params = Object.fromEntries([...spec.pattern.matchAll(/:([A-Za-z]+)/g)].map((m) => [m[1], 'x1']));
      expect(matchRoute(spec.method, routePath(name as never, params as never))?.name).toBe(name);
    }
  });

  test('a missing path parameter is a programming error', () => {
    expect(() => routePath('getAssignment', { assignmentId: '' })).toThrow(/missing :assignmentId/);
  });
});

describe('serialize', () => {
  const at = new Date('2025-09-02T14:00:00Z');
  const assignment: Assignment = {
    id: 'a1', userId: 'u1', title: 'Persuasive essay', subject: 'English', gradeLevel: 'Grade 8', instructions: 'Argue.',
    rubricMode: 'generate', rawRubricText: null, feedbackTone: 'neutral', status: 'complete',
    rubric: { source: 'generated', createdAt: at, criteria: [...rubric.criteria].reverse().map(({ original: _o, added: _a, levels, ...c }) => ({ ...c, levels: levels.map(({ original: _lo, added: _la, ...l }) => l) })) },
    progress: { total: 1, completed: 1, failed: 0, rubricDone: true, summaryDone: true },
    works: [{ id: 'w1', title: 'Essay 1', googleDocId: docRef(1).googleDocId, status: 'completed', failureReason: null }],
    costUsd: 0.12, totalProcessingMs: 60_000, quotaMonth: '2025-09', createdAt: at, updatedAt: at, processingStartedAt: at, completedAt: at, purgeTextAt: null,
  };
  const summary: AssignmentSummary = {
    assignmentId: 'a1', studentWorkCount: 1, qualitativeInsights: { original: 'AI', current: 'Mine', editedAt: at },
    feedbackItems: [], nextSteps: ['Next'], createdAt: at, updatedAt: at,
  };

  test('detail: dates as ISO, rubric by position, edits kept', () => {
    const d = AssignmentDetailSchema.parse(assignmentDetailFrom(assignment, summary, { text: 'Done', remainingSeconds: 0 }));
    expect(d.createdAt).toBe('2025-09-02T14:00:00.000Z');
    expect(d.rubric?.criteria.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(d.summary?.qualitativeInsights).toEqual({ original: 'AI', current: 'Mine', editedAt: '2025-09-02T14:00:00.000Z' });
  });

  test('work view', () => {
    const w: StudentWork = {
      id: 'w1', assignmentId: 'a1', userId: 'u1', position: 0, selectedDocument: docRef(1), wordCount: 2,
      status: 'completed', failureReason: null, writingProcess: null, attempts: 1, createdAt: at, updatedAt: at, completedAt: at,
      sent: [{ sections: ['qualitativeFeedback'], at }],
      feedback: {
        qualitativeFeedback: aiText('Good'), feedbackItems: [], criterionLevels: [], summary: aiText('S'), question: aiText('Q?'),
        checks: [{ type: 'ai_generated', score: 5, explanation: 'x' }], writingGradeLevel: 7, droppedEvidenceCount: 0,
      },
    };
    // A stray text field (documents written before texts had their own) must not reach the view.
    const view = WorkViewSchema.parse(workViewFrom({ ...w, text: 'secret essay' } as StudentWork, assignment));
    expect(view.sent).toEqual([{ sections: ['qualitativeFeedback'], at: '2025-09-02T14:00:00.000Z' }]);
    expect(JSON.stringify(view)).not.toContain('secret essay');
    expect(view.rubric).toHaveLength(2);
  });
});
