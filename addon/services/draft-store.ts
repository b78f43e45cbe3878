import { z } from 'zod';
import { DocumentRefSchema } from '../../shared/api';
import { FeedbackToneSchema, RubricModeSchema } from '../../shared/domain';
import type { Properties } from '../platform/services';
import { reviewRubricDefault } from './teacher-prefs';

/**
 * The new-assignment form in progress. Cards keep no state and the Picker overlay reloads the add-on
 * when it closes, so every form action saves the inputs here first; nothing the teacher typed or
 * chose is lost to a reload, an upgrade detour or a failed submit.
 */
export const DraftSchema = z.object({
  /** Sent as the create request's clientRequestId: a retried submit never makes two assignments. */
  clientRequestId: z.string().min(8),
  title: z.string().default(''),
  subject: z.string().default(''),
  gradeLevel: z.string().default(''),
  instructions: z.string().default(''),
  rubricMode: RubricModeSchema.default('generate'),
  pastedRubric: z.string().default(''),
  feedbackTone: FeedbackToneSchema.default('encouraging'),
  documents: z.array(DocumentRefSchema).default([]),
  /** "Review the rubric before grading", per rubric source (seeded from the teacher's last choices). */
  reviewRubric: z.object({ paste: z.boolean().optional(), generate: z.boolean().optional() }).default({}),
  /** The Picker is open: when the add-on reloads, show the form again instead of the home card. */
  resumeForm: z.boolean().default(false),
});
export type Draft = z.infer<typeof DraftSchema>;

/** Whether the form's "Review the rubric before grading" is ticked for the draft's rubric source. */
export function reviewRubricChoice(d: Pick<Draft, 'rubricMode' | 'reviewRubric'>): boolean {
  return d.reviewRubric[d.rubricMode] ?? reviewRubricDefault(d.rubricMode);
}

/** An empty form with its own idempotency key. */
export function newDraft(clientRequestId: string): Draft {
  return DraftSchema.parse({ clientRequestId });
}

const KEY = 'gradebot.draft';
// User properties hold at most 9 KB per value; 2,500 UTF-16 units are at most 7.5 KB of UTF-8.
const CHUNK = 2_500;

export interface DraftStore {
  load(): Draft | undefined;
  save(draft: Draft): void;
  clear(): void;
}

/** The draft in the teacher's user properties, split across keys to fit the per-value limit. */
export function createDraftStore(props: Properties): DraftStore {
  const count = () => Number(props.getProperty(`${KEY}.n`) ?? '0') || 0;
  return {
    load() {
      const n = count();
      if (n === 0) return undefined;
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(props.getProperty(`${KEY}.${i}`) ?? '');
      try {
        const parsed = DraftSchema.safeParse(JSON.parse(parts.join('')));
        return parsed.success ? parsed.data : undefined;
      } catch {
        // A half-written or older draft is dropped rather than shown wrong.
        return undefined;
      }
    },
    save(draft) {
      const json = JSON.stringify(DraftSchema.parse(draft));
      const old = count();
      const values: Record<string, string> = {};
      let n = 0;
      for (let i = 0; i < json.length; i += CHUNK) values[`${KEY}.${n++}`] = json.slice(i, i + CHUNK);
      values[`${KEY}.n`] = String(n);
      props.setProperties(values, false);
      for (let i = n; i < old; i++) props.deleteProperty(`${KEY}.${i}`);
    },
    clear() {
      const old = count();
      for (let i = 0; i < old; i++) props.deleteProperty(`${KEY}.${i}`);
      props.deleteProperty(`${KEY}.n`);
    },
  };
}
