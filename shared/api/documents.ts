import { z } from 'zod';
import { GoogleDocIdSchema, WritingProcessSchema } from '../domain';
import { countChars, countWords, estimateTokens } from '../rules/word-count';
import { HttpUrlSchema } from './common';

export { countWords };

/**
 * Rules about the student Docs the add-on sends. The add-on exports the text itself (the backend
 * never holds Google credentials); the API turns empty and over-long Docs into failed works rather
 * than rejecting the whole request, so one bad Doc never costs the teacher the other 34.
 */
export const DOCUMENT_LIMITS = {
  /** A Doc with more words than this is not graded (its work fails with a reason). */
  maxWords: 2_000,
  /**
   * Characters (code points) a gradable Doc may have: 2,000 words of prose in any language stay far
   * below (English ≈ 12,000, German or Finnish ≈ 15–18,000).
   */
  maxChars: 24_000,
  /**
   * Input tokens a gradable Doc may cost, estimated (`estimateTokens`, generous): a real 2,000-word
   * essay is ≈ 3,000 in English, ≈ 2,000 in Chinese, ≈ 7,500 in Russian or Greek. Text that
   * segments into few words but costs more (the 59,000-character bypass was ≈ 18,800) stops here.
   */
  maxEstimatedTokens: 10_000,
  /**
   * The add-on cuts exported text longer than this and sets `truncated` (the work then fails as
   * over-long). 60,000 characters is far beyond 2,000 words of prose, and bounds the request body:
   * 35 × 60,000 ≈ 2.1 MB.
   */
  maxTextChars: 60_000,
  maxDocuments: 35,
} as const;

/** Google's MIME type of a Google Doc; anything else is refused in the Picker and in Drive. */
export const GOOGLE_DOC_MIME_TYPE = 'application/vnd.google-apps.document';

/**
 * The reasons a Doc is not graded, as the teacher reads them: the add-on before sending, the
 * pipeline as the failed work's `failureReason`, one wording for each problem (the PRD's for a
 * Doc over the limit).
 */
export const DOCUMENT_REASONS = {
  empty: 'This Doc is empty.',
  tooLong: (maxWords: number = DOCUMENT_LIMITS.maxWords) => `Longer than ${maxWords.toLocaleString('en-US')} words`,
  tooManyChars: `Longer than ${DOCUMENT_LIMITS.maxChars.toLocaleString('en-US')} characters`,
  tooManyTokens: `Longer than GradeBot reads in one Doc (about ${DOCUMENT_LIMITS.maxEstimatedTokens.toLocaleString('en-US')} tokens)`,
} as const;

/**
 * Why a Doc will not be graded, worded for a teacher and naming the limit it is over; undefined
 * when it is fine. Words (as Google Docs counts them, shared/rules/word-count.ts), then characters,
 * then estimated tokens. `truncated` means the add-on cut an export that was far over the limit.
 * `maxWords` is the backend's configured limit (`PIPELINE_MAX_WORDS`); the add-on uses the default.
 */
export function documentProblem(doc: { text: string; truncated?: boolean }, maxWords: number = DOCUMENT_LIMITS.maxWords): string | undefined {
  const words = countWords(doc.text);
  if (doc.truncated || words > maxWords) return DOCUMENT_REASONS.tooLong(maxWords);
  if (words === 0) return DOCUMENT_REASONS.empty;
  if (countChars(doc.text) > DOCUMENT_LIMITS.maxChars) return DOCUMENT_REASONS.tooManyChars;
  if (estimateTokens(doc.text) > DOCUMENT_LIMITS.maxEstimatedTokens) return DOCUMENT_REASONS.tooManyTokens;
  return undefined;
}

/** A chosen Doc before its text is read: what the Picker or Drive tells the add-on. */
export const DocumentRefSchema = z.object({
  googleDocId: GoogleDocIdSchema,
  title: z.string().trim().min(1).max(500),
  url: HttpUrlSchema.max(2000),
});
export type DocumentRef = z.infer<typeof DocumentRefSchema>;

/** A chosen Doc with its exported plain text, as the create request carries it. */
export const SubmittedDocumentSchema = DocumentRefSchema.extend({
  text: z.string().max(DOCUMENT_LIMITS.maxTextChars, 'is longer than the add-on may send; cut it and set truncated'),
  /** The add-on cut the text at maxTextChars: the Doc is certainly over the word limit. */
  truncated: z.boolean().default(false),
  /**
   * How the text was written, from the Doc's revision history (the add-on computes it; no revision
   * text is sent). Null: not read (an older add-on, or a Doc that will not be graded).
   */
  writingProcess: WritingProcessSchema.nullable().default(null),
});
export type SubmittedDocument = z.infer<typeof SubmittedDocumentSchema>;
export type SubmittedDocumentInput = z.input<typeof SubmittedDocumentSchema>;
