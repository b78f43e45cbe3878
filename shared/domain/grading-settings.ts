import { z } from 'zod';

/**
 * How a teacher wants feedback written, set once (their defaults) and per assignment (copied from
 * the defaults at creation, editable after). Reaches the feedback prompt's cached prefix.
 */
export const FeedbackLanguageSchema = z.enum(['student', 'english', 'chosen']);
export type FeedbackLanguage = z.infer<typeof FeedbackLanguageSchema>;

export const FeedbackLengthSchema = z.enum(['brief', 'standard', 'detailed']);
export type FeedbackLength = z.infer<typeof FeedbackLengthSchema>;

export const GRADING_LIMITS = { languageName: 40, focusCriteria: 5, focusTitle: 200 } as const;

export const GradingSettingsSchema = z
  .object({
    /** The student's language (whatever each work is written in), English, or `chosenLanguage`. */
    language: FeedbackLanguageSchema.default('english'),
    /** The language's English name when `language` is "chosen", e.g. "Spanish". */
    chosenLanguage: z
      .string()
      .trim()
      .max(GRADING_LIMITS.languageName, `Keep the language under ${GRADING_LIMITS.languageName} characters`)
      .regex(/^[\p{L}][\p{L} ()'-]*$/u, 'Name the language in letters, e.g. "Spanish"')
      .nullable()
      .default(null),
    length: FeedbackLengthSchema.default('standard'),
    /** Criteria to comment on most, by title as the rubric names them (matched without case). */
    focus: z
      .array(z.string().trim().min(1, 'Name a criterion').max(GRADING_LIMITS.focusTitle))
      .max(GRADING_LIMITS.focusCriteria, `Choose at most ${GRADING_LIMITS.focusCriteria} criteria to focus on`)
      .default([]),
  })
  .superRefine((v, ctx) => {
    if (v.language === 'chosen' && !v.chosenLanguage) ctx.addIssue({ code: 'custom', path: ['chosenLanguage'], message: 'Name the language for the feedback' });
  });
export type GradingSettings = z.infer<typeof GradingSettingsSchema>;
export type GradingSettingsInput = z.input<typeof GradingSettingsSchema>;

/** What GradeBot did before settings existed: English feedback of the guide's standard length, no focus. */
export const DEFAULT_GRADING_SETTINGS: GradingSettings = { language: 'english', chosenLanguage: null, length: 'standard', focus: [] };
