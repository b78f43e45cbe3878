import type { Firestore } from '@google-cloud/firestore';
import { FEEDBACK_PROMPT_VERSION } from '../../prompts/version';
import { testFirestore } from '../support/firestore';
import { admission, essay, readBack } from './pipeline-fixtures';
import { startPipelineStack } from './pipeline-harness';

/**
 * Grading settings end to end: the admitted assignment carries them, the feedback prompt states
 * them, and the local model server — which honours the language and length lines — answers in the
 * language asked for. A Spanish essay gets Spanish feedback when the teacher asks for the
 * student's language; an English essay in the same assignment stays English.
 */

const SPANISH =
  'Creo que las escuelas deberían empezar más tarde porque los adolescentes necesitan dormir más. Según un estudio de la universidad, los estudiantes que duermen ocho horas sacan mejores notas. Además, muchos de mis compañeros llegan cansados a la primera clase y no pueden concentrarse. Algunos padres dicen que el horario del trabajo es un problema, pero la escuela puede ofrecer un espacio para llegar temprano. Por eso pienso que el cambio es bueno para todos.';

let db: Firestore;
beforeAll(() => {
  db = testFirestore();
});
afterAll(async () => {
  await db.terminate();
});

test("the student's language: Spanish feedback for the Spanish essay, English for the English one, brief, focused", async () => {
  // The transport under the SDK sees every prompt sent.
  const bodies: string[] = [];
  const llmFetch: typeof fetch = (url, init) => {
    if (typeof init?.body === 'string') bodies.push(init.body);
    return fetch(url, init);
  };
  const stack = await startPipelineStack({ db, llmFetch });
  try {
    const settings = { language: 'student' as const, chosenLanguage: null, length: 'brief' as const, focus: ['Evidence'] };
    const input = admission([SPANISH, essay(140)], { gradingSettings: settings }, 'teacher-settings-1');
    await db.collection('users').doc('teacher-settings-1').set({ id: 'teacher-settings-1', email: 't1@example.com', timeZone: 'UTC', plan: 'free', subscription: { status: 'none', stripeCustomerId: null, stripeSubscriptionId: null, currentPeriodEnd: null, cancelAtPeriodEnd: false, lastEventCreated: null }, usage: {}, createdAt: new Date(), updatedAt: new Date() });
    const { assignmentId } = await stack.admit(input);
    await stack.settled();
    const r = await readBack(db, assignmentId);
    expect(r.assignment.gradingSettings).toEqual(settings);
    const [es, en] = r.works;
    expect(es!.feedback!.qualitativeFeedback.current).toContain('Tu trabajo tiene');
    expect(es!.feedback!.criterionLevels[0]!.explanation.current).toContain('Nivel elegido');
    expect(es!.feedback!.question.current).toMatch(/^\[Offline model\] ¿/);
    // The summary is for the teacher: English in this mode.
    expect(es!.feedback!.summary.current).toContain('-word response');
    expect(en!.feedback!.qualitativeFeedback.current).toContain('Your work has');
    // Brief: two items.
    expect(es!.feedback!.feedbackItems).toHaveLength(2);
    // Evidence stays the student's words (quoted from the Spanish text).
    expect(SPANISH).toContain(es!.feedback!.feedbackItems[0]!.evidence);
    expect(es!.gradedWith).toEqual({ model: stack.config.llm.kinds.feedback.model, promptVersion: FEEDBACK_PROMPT_VERSION });

    // The prompts sent state the settings.
    const prompts = bodies.filter((b) => b.includes('Grading settings (from the teacher)'));
    expect(prompts.length).toBeGreaterThanOrEqual(2);
    expect(prompts[0]).toContain("Feedback language: the student's language.");
    expect(prompts[0]).toContain('Length: brief.');
    expect(prompts[0]).toMatch(/Focus: comment most on criterion c\d \([^)]*Evidence and support\)\./);
  } finally {
    await stack.close();
  }
});

test("a chosen language covers every part; the teacher's saved defaults apply when the request names none", async () => {
  const stack = await startPipelineStack({ db });
  try {
    const uid = 'teacher-settings-2';
    await db.collection('users').doc(uid).set({
      id: uid, email: 't2@example.com', timeZone: 'UTC', plan: 'free',
      subscription: { status: 'none', stripeCustomerId: null, stripeSubscriptionId: null, currentPeriodEnd: null, cancelAtPeriodEnd: false, lastEventCreated: null },
      usage: {}, createdAt: new Date(), updatedAt: new Date(),
      gradingSettings: { language: 'chosen', chosenLanguage: 'French', length: 'detailed', focus: [] },
    });
    const { assignmentId } = await stack.admit(admission([essay(150)], {}, uid));
    await stack.settled();
    const r = await readBack(db, assignmentId);
    expect(r.assignment.gradingSettings).toMatchObject({ language: 'chosen', chosenLanguage: 'French', length: 'detailed' });
    const f = r.works[0]!.feedback!;
    expect(f.qualitativeFeedback.current).toContain('Ton travail compte');
    expect(f.summary.current).toContain('Une réponse de');
    expect(f.feedbackItems).toHaveLength(6);
  } finally {
    await stack.close();
  }
});
