import { z } from 'zod';

/**
 * Writing-process evidence: what a Doc's revision history says about how its text was written,
 * computed in the teacher's Apps Script execution from Drive's revision list and a few revision
 * exports. Only this summary leaves that execution (no revision text ever does); the API stores it
 * with the work. It is evidence for a teacher to look at, never a verdict.
 */

export const WRITING_PROCESS_LIMITS = {
  /** Session start times kept (a card needs a handful to count days; 2,000 words rarely take more). */
  sessionStarts: 60,
  /** Other editors named; beyond that they are counted only. */
  otherEditors: 5,
  editorNameChars: 100,
} as const;

const Instant = z.iso.datetime({ offset: true });
const Share = z.number().min(0).max(1);
const Count = z.number().int().min(0);

export const OtherEditorSchema = z.object({
  name: z.string().max(WRITING_PROCESS_LIMITS.editorNameChars),
  /** Revisions Drive lists as last modified by this person. */
  revisions: z.number().int().min(1),
});
export type OtherEditor = z.infer<typeof OtherEditorSchema>;

/** The largest piece of the final text that arrived between two read revisions. */
export const LargestAdditionSchema = z.object({
  /** Of the final text's words. */
  share: Share,
  /** When the revision holding it was saved. */
  at: Instant,
  /** The read revision before it; null when it is the Doc's first text. */
  from: Instant.nullable(),
  /** How many listed revisions it spans: 1 means it appeared in one revision. */
  revisions: z.number().int().min(1),
});
export type LargestAddition = z.infer<typeof LargestAdditionSchema>;

export const WritingProcessSchema = z.discriminatedUnion('status', [
  /** The history could not be read: no access to it (Drive lists revisions to editors only), an error, or no time left in the submit. */
  z.object({ status: z.literal('unavailable'), reason: z.enum(['no_access', 'failed', 'out_of_time']) }),
  /** Read, but with fewer than two revisions by the student there is nothing to say. */
  z.object({ status: z.literal('too_little'), revisionCount: Count }),
  z.object({
    status: z.literal('summarized'),
    /** Revisions Drive listed (Drive merges and drops revisions of long histories). */
    revisionCount: Count,
    /** Revision texts read for the additions (a bounded sample). */
    sampledCount: Count,
    /** Editing sessions of the student: revisions less than 30 minutes apart belong to one. */
    sessionCount: z.number().int().min(1),
    sessionStarts: z.array(Instant).min(1).max(WRITING_PROCESS_LIMITS.sessionStarts),
    firstAt: Instant,
    lastAt: Instant,
    largestAddition: LargestAdditionSchema.nullable(),
    /** Share of the final text already in the first revision; null when it could not be read. */
    firstRevisionShare: Share.nullable(),
    /** People other than the owner (and other than the teacher) who edited. */
    otherEditors: z.array(OtherEditorSchema).max(WRITING_PROCESS_LIMITS.otherEditors),
    otherEditorCount: Count,
    /** Revisions by the teacher who submitted (an inserted feedback section, say): left out of the rest. */
    teacherRevisions: Count,
    /** Drive had more revisions than one page holds: the oldest are missing. */
    listIncomplete: z.boolean(),
  }),
]);
export type WritingProcess = z.infer<typeof WritingProcessSchema>;
export type WritingProcessSummary = Extract<WritingProcess, { status: 'summarized' }>;

/** What the works list shows about a work's writing process: only ever a pointer to look closer. */
export const ProcessFlagSchema = z.object({
  kind: z.literal('one_addition'),
  /** The share of the final text that arrived in one addition. */
  share: Share,
});
export type ProcessFlag = z.infer<typeof ProcessFlagSchema>;
