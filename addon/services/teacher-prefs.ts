import { z } from 'zod';
import type { Properties } from '../platform/services';

/**
 * What the add-on remembers for a teacher across assignments, in their user properties. Today: the
 * form's "Review the rubric before grading", per rubric source — a teacher who always pastes and
 * reviews, or who trusts the AI's rubrics, is not asked again.
 */
export const TeacherPrefsSchema = z.object({
  reviewRubric: z.object({ paste: z.boolean().optional(), generate: z.boolean().optional() }).default({}),
});
export type TeacherPrefs = z.infer<typeof TeacherPrefsSchema>;

const KEY = 'gradebot.prefs';

export interface TeacherPrefsStore {
  load(): TeacherPrefs;
  save(prefs: TeacherPrefs): void;
}

export function createTeacherPrefs(props: Properties): TeacherPrefsStore {
  return {
    load() {
      try {
        const parsed = TeacherPrefsSchema.safeParse(JSON.parse(props.getProperty(KEY) ?? '{}'));
        return parsed.success ? parsed.data : TeacherPrefsSchema.parse({});
      } catch {
        return TeacherPrefsSchema.parse({});
      }
    },
    save(prefs) {
      props.setProperty(KEY, JSON.stringify(TeacherPrefsSchema.parse(prefs)));
    },
  };
}

/** The form's default: on for a pasted rubric (teachers check how theirs was read), off for the AI's. */
export function reviewRubricDefault(mode: 'paste' | 'generate'): boolean {
  return mode === 'paste';
}
