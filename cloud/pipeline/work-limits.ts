/** Why a Doc is not graded, decided once at admission. */

/** Words as the add-on and the backend count them: runs of non-space characters. */
export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

export const EMPTY_REASON = 'The document is empty';

export function tooLongReason(maxWords: number): string {
  return `Longer than ${maxWords.toLocaleString('en-US')} words`;
}

/**
 * The teacher-facing reason a Doc will not be graded, or undefined when it will be. `truncated`
 * means the add-on cut an export that was far over any limit.
 */
export function admissionProblem(doc: { text: string; truncated?: boolean }, maxWords: number): string | undefined {
  const words = countWords(doc.text);
  if (doc.truncated || words > maxWords) return tooLongReason(maxWords);
  if (words === 0) return EMPTY_REASON;
  return undefined;
}
