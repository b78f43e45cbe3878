import { z } from 'zod';
import { GradingSettingsSchema } from '../domain';

/**
 * GET/PATCH /settings/grading — the teacher's defaults for new assignments; PATCH
 * /assignments/:assignmentId/settings — one assignment's (used by every grading after the change:
 * a retry, a re-grade). The body is the whole settings object; omitted fields take the defaults.
 */
export const GradingSettingsRequestSchema = GradingSettingsSchema;
export const GradingSettingsResponseSchema = z.object({ settings: GradingSettingsSchema });
export type GradingSettingsResponse = z.infer<typeof GradingSettingsResponseSchema>;
