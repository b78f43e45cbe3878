import { z } from 'zod';

/**
 * What the summary task asks Claude for: the class-wide counterpart of one work's feedback. Counts
 * and lengths travel in descriptions and are enforced by zod after parsing.
 */

export const SUMMARY_SCHEMA_TITLE = 'GradeBotSummary';

const pattern = (what: string) =>
  z.object({
    title: z.string().min(1).max(120).describe('A short headline'),
    description: z.string().min(1).max(800).describe(`The ${what}, how widespread it is, and what it looks like in the works`),
  });

export const SummaryOutputSchema = z
  .object({
    studentWorkCount: z.number().int().min(0).max(35).describe('How many student works this summary covers'),
    overallPerformance: z.string().min(1).max(3000).describe('How the class did overall against the rubric, for the teacher'),
    commonStrengths: z.array(pattern('strength')).min(1).max(5).describe('1 to 5 strengths shared by many students'),
    commonOpportunities: z.array(pattern('opportunity')).min(1).max(5).describe('1 to 5 opportunities shared by many students'),
    nextSteps: z.array(z.string().min(1).max(400)).min(1).max(5).describe('1 to 5 concrete teaching next steps'),
  })
  .meta({ title: SUMMARY_SCHEMA_TITLE });

export type SummaryOutput = z.infer<typeof SummaryOutputSchema>;
