import type { ProcessFlag, WritingProcess, WritingProcessSummary } from '../../shared/domain';
import { ONE_ADDITION_FLAG_SHARE } from '../../shared/rules/writing-process';
import type { Formatter } from '../context';
import type { Widget } from '../platform/card-service';
import { COLORS, colored, esc, plural } from '../ui/text';
import { decorated, paragraph } from '../ui/widgets';

/**
 * "Writing process" on the work card and the works list's flag: what the Doc's revision history
 * shows, in plain words, always as evidence to look at and never as a verdict.
 */

export const WRITING_PROCESS_CAUTION =
  "Evidence to look at, not a verdict: Drive's API lists a coarser history than Version history in Docs and may leave out older revisions, and a paste can be a student moving their own draft. Open File → Version history and talk with the student before drawing conclusions.";

const pct = (share: number) => `${Math.round(share * 100)}%`;

function sessionsLine(p: WritingProcessSummary, fmt: Formatter): string {
  const days = new Set(p.sessionStarts.map((s) => fmt.date(s))).size;
  // Only the newest starts are kept: with more sessions than that, the day count is a floor.
  const dayText = p.sessionCount > p.sessionStarts.length ? `at least ${plural(days, 'day')}` : plural(days, 'day');
  const revisions = plural(p.revisionCount, 'revision');
  if (p.sessionCount === 1) return `Written in one session on ${fmt.moment(p.firstAt)} (${revisions}).`;
  return `Written over ${plural(p.sessionCount, 'session')} on ${dayText}, ${fmt.moment(p.firstAt)} to ${fmt.moment(p.lastAt)} (${revisions}).`;
}

function additionLine(p: WritingProcessSummary, fmt: Formatter): string | undefined {
  const a = p.largestAddition;
  if (!a) return undefined;
  if (!processFlagOf(a.share)) {
    // Across unread revisions the share bounds every single addition in the span from above.
    return a.revisions === 1 ? `The largest single addition was ${pct(a.share)} of the text.` : `No single addition was more than ${pct(a.share)} of the text.`;
  }
  if (a.from === null && a.revisions === 1) return `${pct(a.share)} of the text was already in the Doc's first revision, on ${fmt.moment(a.at)}.`;
  if (a.revisions === 1) return `${pct(a.share)} of the text appeared in one revision on ${fmt.moment(a.at)}.`;
  // Not every revision was read: the addition is known to lie in a span, not in one revision.
  return `${pct(a.share)} of the text appeared ${a.from ? `between ${fmt.moment(a.from)} and ${fmt.moment(a.at)}` : `by ${fmt.moment(a.at)}`}, across ${plural(a.revisions, 'revision')}.`;
}

function editorsLine(p: WritingProcessSummary): string {
  if (p.otherEditorCount === 0) return 'Only the owner edited it.';
  const named = p.otherEditors.map((e) => `${esc(e.name)} (${plural(e.revisions, 'revision')})`);
  const more = p.otherEditorCount - p.otherEditors.length;
  return `Also edited by ${named.join(', ')}${more > 0 ? ` and ${plural(more, 'other person', 'other people')}` : ''}.`;
}

const UNAVAILABLE: Record<Extract<WritingProcess, { status: 'unavailable' }>['reason'], string> = {
  no_access: "GradeBot could not read this Doc's history: Drive lists revisions only to people who can edit the Doc.",
  failed: "GradeBot could not read this Doc's history when it was submitted.",
  out_of_time: "GradeBot ran out of time to read this Doc's history while submitting (many Docs at once).",
};

/** The lines of the "Writing process" block, as widget HTML. */
export function writingProcessLines(p: WritingProcess | null, fmt: Formatter): string[] {
  if (!p) return ['Not read: this work was submitted before GradeBot read revision histories.'];
  if (p.status === 'unavailable') return [UNAVAILABLE[p.reason]];
  if (p.status === 'too_little') {
    const listed = p.revisionCount === 0 ? 'Drive lists no revisions of this Doc' : `Drive lists only ${plural(p.revisionCount, 'revision')} of this Doc by its writer`;
    return [`Not enough history to say: ${listed}.`];
  }
  const lines = [sessionsLine(p, fmt), additionLine(p, fmt)];
  const a = p.largestAddition;
  if (p.firstRevisionShare !== null && !(a && a.from === null && a.revisions === 1 && processFlagOf(a.share))) {
    lines.push(`${pct(p.firstRevisionShare)} of the final text was already in the first revision (a template the Doc started from counts too).`);
  }
  lines.push(editorsLine(p));
  if (p.teacherRevisions > 0) lines.push(`Your own edits (${plural(p.teacherRevisions, 'revision')}, such as inserted feedback) are left out.`);
  if (p.listIncomplete) lines.push('Drive did not list the oldest revisions of this long history.');
  return lines.filter((l): l is string => Boolean(l));
}

const processFlagOf = (share: number) => share >= ONE_ADDITION_FLAG_SHARE;

/** The work card's "Writing process" block: the evidence, then the caution. */
export function writingProcessWidgets(p: WritingProcess | null, fmt: Formatter): Widget[] {
  const evidence: Widget = decorated({ top: 'Writing process', text: writingProcessLines(p, fmt).join('<br>') });
  return p?.status === 'summarized' ? [evidence, paragraph(colored(WRITING_PROCESS_CAUTION, COLORS.muted))] : [evidence];
}

/**
 * The works list's note for a flagged work, or undefined. For the list to call beside its other
 * badges: "⚑ One addition: 92% of the text".
 */
export function processFlagNote(flag: ProcessFlag | null | undefined): string | undefined {
  if (!flag) return undefined;
  return colored(`⚑ One addition brought ${pct(flag.share)} of the text: see Writing process`, COLORS.progress);
}

/** A works-list line with the flag's note under it, when there is one. */
export function withProcessFlag(line: string, flag: ProcessFlag | null | undefined): string {
  const note = processFlagNote(flag);
  return note ? `${line}<br>${note}` : line;
}
