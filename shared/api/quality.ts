import { z } from 'zod';
import type { Assignment } from '../domain';
import { keptLevelsText } from '../rules/feedback-quality';

/**
 * How much of the AI's feedback the teacher kept on one assignment (reviewed works only), as the
 * detail card shows it: "You kept 31 of 35 levels on this assignment".
 */
export const AgreementViewSchema = z.object({
  reviewedWorks: z.number().int().min(0),
  levels: z.number().int().min(0),
  kept: z.number().int().min(0),
  text: z.string().min(1).max(200),
});
export type AgreementView = z.infer<typeof AgreementViewSchema>;

/** Null until a reviewed work has a level. */
export function agreementViewFrom(a: Pick<Assignment, 'quality'>): AgreementView | null {
  const q = a.quality;
  const text = q ? keptLevelsText({ exact: q.kept, levels: q.levels }) : undefined;
  return q && text ? { reviewedWorks: q.reviewedWorks, levels: q.levels, kept: q.kept, text } : null;
}
