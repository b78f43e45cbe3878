import {
  type Assignment,
  type AssignmentSummary,
  aiText,
  type LlmRequest,
  type ProcessingMetric,
  type Rubric,
  type StudentWork,
  type User,
} from '../../shared/domain';

/** Valid example models for tests; override what a test cares about. */
export const at = new Date('2026-03-14T15:09:26.000Z');

export function aUser(over: Partial<User> = {}): User {
  return {
    id: 'google-sub-1',
    email: 'teacher@school.example',
    timeZone: 'America/New_York',
    plan: 'free',
    subscription: { status: 'none', stripeCustomerId: null, stripeSubscriptionId: null, currentPeriodEnd: null, cancelAtPeriodEnd: false, lastEventCreated: null },
    usage: { '2026-03': 1 },
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

export function aRubric(over: Partial<Rubric> = {}): Rubric {
  const levels = ['Exceeds', 'Meets', 'Approaching', 'Beginning'].map((title, position) => ({ id: `l${position}`, title, description: `${title} the standard.`, position }));
  return {
    source: 'generated',
    createdAt: at,
    criteria: ['Claim', 'Evidence', 'Organization'].map((title, position) => ({ id: `c${position}`, title, description: `${title} of the essay.`, position, levels })),
    ...over,
  };
}

export function anAssignment(over: Partial<Assignment> = {}): Assignment {
  return {
    id: 'asg-1',
    userId: 'google-sub-1',
    title: 'Later school start: persuasive essay',
    subject: 'English',
    gradeLevel: 'Grade 8',
    instructions: 'Argue for or against a later school start time, with evidence.',
    rubricMode: 'generate',
    rawRubricText: null,
    feedbackTone: 'encouraging',
    status: 'processing',
    rubric: aRubric(),
    progress: { total: 2, completed: 1, failed: 0, rubricDone: true, summaryDone: false },
    works: [
      { id: 'w1', title: 'Maya Chen', googleDocId: 'doc-maya-0001', status: 'completed', failureReason: null },
      { id: 'w2', title: 'Leo Park', googleDocId: 'doc-leo-00002', status: 'pending', failureReason: null },
    ],
    costUsd: 0.0123,
    totalProcessingMs: null,
    quotaMonth: '2026-03',
    createdAt: at,
    updatedAt: at,
    processingStartedAt: at,
    completedAt: null,
    purgeTextAt: null,
    ...over,
  };
}

export function aStudentWork(over: Partial<StudentWork> = {}): StudentWork {
  return {
    id: 'w1',
    assignmentId: 'asg-1',
    userId: 'google-sub-1',
    position: 0,
    selectedDocument: { googleDocId: 'doc-maya-0001', title: 'Maya Chen', url: 'https://docs.google.com/document/d/doc-maya-0001/edit' },
    writingProcess: null,
    wordCount: 8,
    status: 'completed',
    failureReason: null,
    feedback: {
      qualitativeFeedback: aiText('A clear claim with room for more evidence.'),
      feedbackItems: [
        { id: 'f1', kind: 'strength', title: aiText('Clear claim'), description: aiText('Your first sentence states your position.'), evidence: 'Schools should start later.' },
        { id: 'f2', kind: 'opportunity', title: aiText('More evidence'), description: aiText('Add a statistic.'), evidence: 'Teenagers need sleep.' },
      ],
      criterionLevels: [{ criterionId: 'c0', levelId: 'l1', originalLevelId: 'l1', levelEditedAt: null, explanation: aiText('States a claim.') }],
      summary: aiText('Argues for a later start because teens need sleep.'),
      question: aiText('What evidence would convince your principal?'),
      checks: [{ type: 'ai_generated_likelihood', score: 12, explanation: 'A signal only: varied, personal phrasing.' }],
      writingGradeLevel: 6.4,
      droppedEvidenceCount: 0,
    },
    sent: [{ sections: ['qualitativeFeedback'], at }],
    attempts: 1,
    createdAt: at,
    updatedAt: at,
    completedAt: at,
    ...over,
  };
}

export function aSummary(over: Partial<AssignmentSummary> = {}): AssignmentSummary {
  return {
    assignmentId: 'asg-1',
    studentWorkCount: 2,
    qualitativeInsights: aiText('Most students stated clear claims.'),
    feedbackItems: [{ id: 's1', kind: 'strength', title: aiText('Claims'), description: aiText('Clear positions.'), evidence: '' }],
    nextSteps: ['Model how to cite a statistic.'],
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

export function anLlmRequest(over: Partial<LlmRequest> = {}): LlmRequest {
  return {
    id: 'call-1',
    requestType: 'student_feedback',
    model: 'claude-haiku-4-5',
    inputTokens: 1200,
    outputTokens: 800,
    cacheCreationInputTokens: 0,
    cacheReadInputTokens: 3000,
    totalTokens: 5000,
    costUsd: 0.0055,
    durationMs: 2400,
    providerRequestId: 'req_123',
    userId: 'google-sub-1',
    assignmentId: 'asg-1',
    workId: 'w1',
    status: 'succeeded',
    error: null,
    createdAt: at,
    ...over,
  };
}

export function aProcessingMetric(over: Partial<ProcessingMetric> = {}): ProcessingMetric {
  return {
    id: 'metric-1',
    kind: 'feedback',
    userId: 'google-sub-1',
    assignmentId: 'asg-1',
    workId: 'w1',
    startedAt: at,
    completedAt: at,
    durationMs: 2500,
    stepsMs: { collect: 20, prompt: 1, llm: 2400, store: 79 },
    status: 'completed',
    error: null,
    retryCount: 0,
    promptLength: 5400,
    promptTemplate: 'feedback',
    model: 'claude-haiku-4-5',
    inputTokens: 1200,
    outputTokens: 800,
    costUsd: 0.0055,
    droppedEvidenceCount: 0,
    ...over,
  };
}
