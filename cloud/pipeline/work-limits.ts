import { countWords, documentProblem } from '../../shared/api/documents';

/**
 * Why a Doc is not graded, decided once at admission, with the add-on's own rule and wording
 * (shared/api/documents.ts) against the configured word limit.
 */

export { countWords };

/** The teacher-facing reason a Doc will not be graded, or undefined when it will be. */
export function admissionProblem(doc: { text: string; truncated?: boolean }, maxWords: number): string | undefined {
  return documentProblem(doc, maxWords);
}
