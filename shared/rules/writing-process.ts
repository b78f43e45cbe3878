import { type LargestAddition, type OtherEditor, type ProcessFlag, WRITING_PROCESS_LIMITS, type WritingProcess } from '../domain/writing-process';

/**
 * Writing-process metrics from a Doc's revision history. Pure: the add-on reads the history
 * (Drive revisions.list and a few revision exports) and hands it here; nothing in this file sees
 * the network, and only the returned summary leaves the teacher's execution.
 */

/** Revisions further apart than this start a new editing session. */
export const SESSION_GAP_MINUTES = 30;

/** The works list flags a work when one addition brought at least this share of the final text. */
export const ONE_ADDITION_FLAG_SHARE = 0.5;

/**
 * Bounds on the history read at Submit, inside Apps Script's quotas (UrlFetchApp calls a day) and
 * the 30-second card action: Drive's list is one page; revision exports are sampled, at most
 * `samplesPerDoc` per Doc and `samplesPerSubmit` for the whole submit (35 Docs: 3 each), and no
 * round starts once `timeBudgetMs` has passed since Submit began.
 */
export const PROCESS_READ_LIMITS = {
  listPageSize: 1000,
  samplesPerDoc: 6,
  samplesPerSubmit: 105,
  /** Requests per UrlFetchApp.fetchAll. */
  fetchBatchSize: 35,
  timeBudgetMs: 12_000,
} as const;

/** Who saved a revision, as Drive's `lastModifyingUser` tells it. */
export interface EditorRef {
  /** permissionId, else email, else display name: what identifies the person across revisions. */
  key: string;
  name: string;
  /** The teacher running the add-on. */
  me: boolean;
}

export interface RevisionInfo {
  id: string;
  /** RFC 3339. */
  modifiedTime: string;
  editor: EditorRef | null;
}

export interface ProcessInput {
  /** As Drive lists them. */
  revisions: readonly RevisionInfo[];
  /** The owner's key (see {@link EditorRef.key}); null when Drive did not say (shared drives). */
  ownerKey: string | null;
  /** Drive's list had a next page that was not read. */
  listIncomplete: boolean;
  /** Exported text of the sampled revisions, by revision id. */
  texts: Readonly<Record<string, string>>;
  /** The Doc's current text (what is graded): the end point of the history. */
  finalText: string;
}

const byTime = (revisions: readonly RevisionInfo[]) =>
  revisions
    .map((r, i) => ({ r, i, t: Date.parse(r.modifiedTime) }))
    .filter((x) => Number.isFinite(x.t))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.r);

/** The teacher's own revisions (an inserted feedback section), unless the teacher owns the Doc. */
function isTeacher(r: RevisionInfo, ownerKey: string | null): boolean {
  return r.editor?.me === true && r.editor.key !== ownerKey;
}

/** Indexes (into the time-ordered list) where a student session ends, the last one included. */
function sessionEnds(revisions: readonly RevisionInfo[], ownerKey: string | null): number[] {
  const gap = SESSION_GAP_MINUTES * 60_000;
  const ends: number[] = [];
  let last = -1;
  revisions.forEach((r, i) => {
    if (isTeacher(r, ownerKey)) return;
    if (last >= 0 && Date.parse(r.modifiedTime) - Date.parse(revisions[last]!.modifiedTime) > gap) ends.push(last);
    last = i;
  });
  if (last >= 0) ends.push(last);
  return ends;
}

/**
 * Which revisions to export, at most `budget`: the first (what the Doc started with), then the end
 * of each editing session (what each sitting added), then evenly into the widest stretches left.
 * The newest revision is never chosen: the Doc's current text stands for it. Ids, oldest first.
 */
export function chooseRevisionSample(listed: readonly RevisionInfo[], ownerKey: string | null, budget: number): string[] {
  const revisions = byTime(listed);
  const head = revisions.length - 1;
  if (budget <= 0 || head <= 0) return [];
  const eligible = (i: number) => i >= 0 && i < head && !isTeacher(revisions[i]!, ownerKey);
  const chosen = new Set<number>();
  const firstStudent = revisions.findIndex((_, i) => eligible(i));
  if (firstStudent >= 0) chosen.add(firstStudent);
  const ends = sessionEnds(revisions, ownerKey).filter((i) => eligible(i) && !chosen.has(i));
  const room = budget - chosen.size;
  if (ends.length <= room) ends.forEach((i) => chosen.add(i));
  else for (let k = 0; k < room; k++) chosen.add(ends[Math.floor(((k + 0.5) * ends.length) / room)]!);
  // Fill the widest gaps (by revision count) between chosen points, the head counting as chosen.
  while (chosen.size < budget) {
    const points = [...chosen, head].sort((a, b) => a - b);
    let best: { at: number; width: number } | undefined;
    let prev = -1;
    for (const p of points) {
      const mid = Math.floor((prev + p) / 2);
      if (p - prev > 1 && eligible(mid) && !chosen.has(mid) && (!best || p - prev > best.width)) best = { at: mid, width: p - prev };
      prev = p;
    }
    if (!best) break;
    chosen.add(best.at);
  }
  return [...chosen].sort((a, b) => a - b).map((i) => revisions[i]!.id);
}

// --- text comparison -------------------------------------------------------------------------

/**
 * A word counts as present in another text when a run of GRAM words around it is there: a common
 * word alone says nothing, and reordered paragraphs are not new text. A word near a text's end
 * lies in fewer runs, so an edit just before it can count it as new too (noise on 2,000 words).
 */
const GRAM = 3;

/**
 * Words for comparison: case, compatibility forms, curly quotes and dashes do not count as changes
 * (a cheaper cousin of evidence.ts's normalisation, which also maps back to the source and is too
 * slow for 35 Docs × several revisions in Apps Script).
 */
function wordsOf(text: string): string[] {
  const t = text
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B\u2032`\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
  return t.split(/\s+/).filter((w) => w !== '');
}

/** A text ready for comparison: its words, its runs of GRAM words, and the set of its runs. */
interface Prepared {
  words: string[];
  keys: string[];
  grams: Grams;
}
const prepare = (text: string): Prepared => {
  const words = wordsOf(text);
  const keys = runKeys(words, GRAM);
  const size = Math.min(GRAM, words.length);
  return { words, keys, grams: { size, set: new Set(size === GRAM ? keys : runKeys(words, size)) } };
};

/** A text's word runs: GRAM words long (shorter texts: one run of all their words). */
interface Grams {
  size: number;
  set: Set<string>;
}

function runKeys(words: readonly string[], size: number): string[] {
  const keys: string[] = [];
  if (size > 0) for (let i = 0; i + size <= words.length; i++) keys.push(words.slice(i, i + size).join(' '));
  return keys;
}

/** For each word, whether a run covering it is one of `grams` (`keys`: the text's runs of GRAM words). */
function coveredBy(text: Prepared, grams: Grams): boolean[] {
  const covered = new Array<boolean>(text.words.length).fill(false);
  const n = grams.size;
  if (n === 0) return covered;
  const keys = n === GRAM ? text.keys : runKeys(text.words, n);
  keys.forEach((k, i) => {
    if (grams.set.has(k)) for (let j = i; j < i + n; j++) covered[j] = true;
  });
  return covered;
}

function shareIn(text: Prepared, final: Prepared): number {
  if (final.words.length === 0) return 0;
  return coveredBy(final, text.grams).filter(Boolean).length / final.words.length;
}

function added(before: Prepared, after: Prepared, final: Prepared): number {
  if (final.words.length === 0) return 0;
  const old = coveredBy(after, before.grams);
  const kept = coveredBy(after, final.grams);
  const count = after.words.filter((_, i) => !old[i] && kept[i]).length;
  return Math.min(1, count / final.words.length);
}

/** Share of the final text's words that `text` already holds. */
export function shareOfFinalIn(text: string, finalText: string): number {
  return shareIn(prepare(text), prepare(finalText));
}

/**
 * Share of the final text that arrived between `before` and `after`: words of `after` that
 * `before` did not hold and that are still in the final text, over the final text's words.
 */
export function addedShare(before: string, after: string, finalText: string): number {
  return added(prepare(before), prepare(after), prepare(finalText));
}

// --- the summary -----------------------------------------------------------------------------

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The writing-process summary of one Doc from its listed revisions and the sampled texts. */
export function summarizeWritingProcess(input: ProcessInput): WritingProcess {
  const revisions = byTime(input.revisions);
  const students = revisions.filter((r) => !isTeacher(r, input.ownerKey));
  const final = prepare(input.finalText);
  if (students.length < 2 || final.words.length === 0) return { status: 'too_little', revisionCount: revisions.length };

  const starts = [students[0]!.modifiedTime];
  for (let i = 1; i < students.length; i++) {
    if (Date.parse(students[i]!.modifiedTime) - Date.parse(students[i - 1]!.modifiedTime) > SESSION_GAP_MINUTES * 60_000) starts.push(students[i]!.modifiedTime);
  }

  // Additions along the read points: nothing → sampled revisions → the current text (the newest revision).
  const head = revisions.length - 1;
  const points: Array<{ index: number; text: Prepared }> = [{ index: -1, text: prepare('') }];
  revisions.forEach((r, i) => {
    const text = input.texts[r.id];
    if (i < head && text !== undefined) points.push({ index: i, text: prepare(text) });
  });
  points.push({ index: head, text: final });
  let largest: LargestAddition | null = null;
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]!;
    const b = points[k]!;
    const span = revisions.slice(a.index + 1, b.index + 1);
    // What the teacher added (feedback inserted earlier) is not the student's writing.
    if (span.every((r) => isTeacher(r, input.ownerKey))) continue;
    const share = round(added(a.text, b.text, final));
    if (!largest || share > largest.share) {
      largest = { share, at: revisions[b.index]!.modifiedTime, from: a.index >= 0 ? revisions[a.index]!.modifiedTime : null, revisions: b.index - a.index };
    }
  }

  const first = points.find((p) => p.index === 0);
  const firstRevisionShare = first ? round(shareIn(first.text, final)) : null;

  // Everyone but the owner and the teacher; with no owner known, whoever started the Doc.
  const ownerKey = input.ownerKey ?? students[0]!.editor?.key ?? null;
  const others = new Map<string, OtherEditor>();
  for (const r of students) {
    if (!r.editor || r.editor.key === ownerKey) continue;
    const e = others.get(r.editor.key) ?? { name: r.editor.name.slice(0, WRITING_PROCESS_LIMITS.editorNameChars), revisions: 0 };
    e.revisions++;
    others.set(r.editor.key, e);
  }

  return {
    status: 'summarized',
    revisionCount: revisions.length,
    sampledCount: points.length - 2,
    sessionCount: starts.length,
    sessionStarts: starts.slice(-WRITING_PROCESS_LIMITS.sessionStarts),
    firstAt: students[0]!.modifiedTime,
    lastAt: students[students.length - 1]!.modifiedTime,
    largestAddition: largest,
    firstRevisionShare,
    otherEditors: [...others.values()].sort((a, b) => b.revisions - a.revisions).slice(0, WRITING_PROCESS_LIMITS.otherEditors),
    otherEditorCount: others.size,
    teacherRevisions: revisions.length - students.length,
    listIncomplete: input.listIncomplete,
  };
}

/** The works list's flag: one addition brought most of the text. Null when there is nothing to flag. */
export function processFlag(p: WritingProcess | null | undefined): ProcessFlag | null {
  if (!p || p.status !== 'summarized' || !p.largestAddition) return null;
  return p.largestAddition.share >= ONE_ADDITION_FLAG_SHARE ? { kind: 'one_addition', share: p.largestAddition.share } : null;
}
