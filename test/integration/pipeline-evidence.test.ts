import type { Firestore } from '@google-cloud/firestore';
import { FABRICATED_QUOTE } from '../../dev/model-server/fill-feedback';
import { findQuote } from '../../shared/rules/evidence';
import { testFirestore } from '../support/firestore';
import { admission, essay, readBack } from './pipeline-fixtures';
import { startPipelineStack } from './pipeline-harness';

/**
 * Evidence verification end to end: the model invents a quote for the first feedback item of every
 * work (`fabricatedEvidence`); what is stored keeps the item but not the invented quote, and the
 * work's feedback and its processing metric count what was dropped.
 */

let db: Firestore;
beforeAll(() => {
  db = testFirestore();
});
afterAll(async () => {
  await db.terminate();
});

test('a quote that is not in the student’s text is dropped from the stored feedback and counted', async () => {
  const stack = await startPipelineStack({ db, model: { fabricatedEvidence: 1 } });
  try {
    const texts = [essay(120), essay(121), essay(122)];
    const { assignmentId } = await stack.admit(admission(texts, {}, 'teacher-evidence'));
    await stack.settled();
    const r = await readBack(db, assignmentId);
    expect(r.assignment.status).toBe('complete');
    for (const [i, w] of r.works.entries()) {
      const f = w.feedback!;
      expect(f.droppedEvidenceCount).toBe(1);
      // The item stays (its title and description are still useful), without the invented quote.
      expect(f.feedbackItems[0]).toMatchObject({ id: 'f1', evidence: '' });
      expect(JSON.stringify(f)).not.toContain(FABRICATED_QUOTE);
      // Every other quote is the student's own words, and there was one to keep.
      const kept = f.feedbackItems.slice(1).filter((x) => x.evidence !== '');
      expect(kept.length).toBeGreaterThan(0);
      for (const item of kept) expect(texts[i]).toContain(findQuote(item.evidence, texts[i]!));
    }
    const metrics = r.metrics.filter((m) => m.kind === 'feedback' && m.status === 'completed');
    expect(metrics).toHaveLength(texts.length);
    expect(metrics.every((m) => m.droppedEvidenceCount === 1)).toBe(true);
    // Rubric and summary quote nothing.
    expect(r.metrics.filter((m) => m.kind !== 'feedback').every((m) => m.droppedEvidenceCount === null)).toBe(true);
  } finally {
    await stack.close();
  }
});

test('without the switch every quote is kept and nothing is counted', async () => {
  const stack = await startPipelineStack({ db });
  try {
    const { assignmentId } = await stack.admit(admission([essay(123)], {}, 'teacher-evidence-clean'));
    await stack.settled();
    const r = await readBack(db, assignmentId);
    expect(r.works[0]!.feedback!.droppedEvidenceCount).toBe(0);
    expect(r.works[0]!.feedback!.feedbackItems.every((x) => x.evidence !== '')).toBe(true);
    expect(r.metrics.find((m) => m.kind === 'feedback')?.droppedEvidenceCount).toBe(0);
  } finally {
    await stack.close();
  }
});
