import { WritingProcessSchema, type WritingProcess } from '../../shared/domain';
import {
  addedShare,
  chooseRevisionSample,
  processFlag,
  shareOfFinalIn,
  summarizeWritingProcess,
  type EditorRef,
  type ProcessInput,
  type RevisionInfo,
} from '../../shared/rules/writing-process';

/** n distinct words: "w1 w2 … wn" (distinct, so every three-word run is unique). */
const words = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `w${from + i}`).join(' ');
const student: EditorRef = { key: 'p-student', name: 'Maya Chen', me: false };
const teacher: EditorRef = { key: 'p-teacher', name: 'Ms. Rivera', me: true };
const friend: EditorRef = { key: 'p-friend', name: 'Sam Lee', me: false };
const at = (day: number, hh: number, mm: number) => new Date(Date.UTC(2025, 2, day, hh, mm)).toISOString();
const rev = (id: string, time: string, editor: EditorRef | null = student): RevisionInfo => ({ id, modifiedTime: time, editor });

function summarize(revisions: RevisionInfo[], texts: Record<string, string>, finalText: string, more: Partial<ProcessInput> = {}): WritingProcess {
  const result = summarizeWritingProcess({ revisions, ownerKey: 'p-student', listIncomplete: false, texts, finalText, ...more });
  // Whatever it says must be storable as the contract's summary.
  return WritingProcessSchema.parse(result);
}

describe('addedShare and shareOfFinalIn', () => {
  test.each([
    ['nothing before: all of it', '', words(1, 10), words(1, 10), 1],
    ['half added at the end', words(1, 5), words(1, 10), words(1, 10), 0.5],
    ['added in the middle', `${words(1, 20)} ${words(41, 60)}`, words(1, 60), words(1, 60), 20 / 60],
    // The last two words of a text are covered by one run only: a change just before them counts them too.
    ['a word changed just before the end', `${words(1, 8)} x w10`, words(1, 10), words(1, 10), 0.2],
    ['nothing new', words(1, 10), words(1, 10), words(1, 10), 0],
    ['paragraphs moved around add nothing', `${words(1, 10)} ${words(11, 20)}`, `${words(11, 20)} ${words(1, 10)}`, `${words(11, 20)} ${words(1, 10)}`, 0],
    ['text added then deleted does not count', words(1, 10), `${words(1, 10)} ${words(50, 59)}`, words(1, 10), 0],
    ['smart quotes, case and spacing are not changes', 'They don’t  SLEEP enough at all', "they don't sleep enough at all", "they don't sleep enough at all", 0],
    ['a share of a longer final text', '', words(1, 10), words(1, 40), 0.25],
  ])('%s', (_name, before, after, final, share) => {
    expect(addedShare(before, after, final)).toBeCloseTo(share, 5);
  });

  test.each([
    ['all of it', words(1, 20), words(1, 20), 1],
    ['a title only', 'My Essay', `My Essay ${words(1, 18)}`, 0.1],
    ['nothing', '', words(1, 10), 0],
    ['an empty final text', words(1, 10), '', 0],
  ])('first revision holds %s', (_name, first, final, share) => {
    expect(shareOfFinalIn(first, final)).toBeCloseTo(share, 5);
  });
});

describe('summarizeWritingProcess', () => {
  test('written over four sessions on three days: small additions, no other editor', () => {
    const revs = [
      rev('1', at(10, 18, 0)), rev('2', at(10, 18, 20)), // session 1: w1–w20
      rev('3', at(11, 19, 0)), rev('4', at(11, 19, 25)), // session 2: to w40
      rev('5', at(11, 21, 0)), // session 3: to w60
      rev('6', at(12, 17, 0)), rev('7', at(12, 17, 10)), // session 4: to w80
    ];
    const texts = { '1': words(1, 10), '2': words(1, 20), '3': words(1, 30), '4': words(1, 40), '5': words(1, 60), '6': words(1, 70) };
    const p = summarize(revs, texts, words(1, 80));
    expect(p).toMatchObject({
      status: 'summarized',
      revisionCount: 7,
      sampledCount: 6,
      sessionCount: 4,
      sessionStarts: [at(10, 18, 0), at(11, 19, 0), at(11, 21, 0), at(12, 17, 0)],
      firstAt: at(10, 18, 0),
      lastAt: at(12, 17, 10),
      firstRevisionShare: 0.125,
      otherEditors: [],
      otherEditorCount: 0,
      teacherRevisions: 0,
    });
    // The largest step: w41–w60 in revision 5, one revision after revision 4.
    expect(p.status === 'summarized' && p.largestAddition).toEqual({ share: 0.25, at: at(11, 21, 0), from: at(11, 19, 25), revisions: 1 });
    expect(processFlag(p)).toBeNull();
  });

  test('pasted at once: a title, then 95% of the text in one revision', () => {
    const revs = [rev('1', at(12, 20, 50)), rev('2', at(12, 21, 4)), rev('3', at(12, 21, 9))];
    const final = `Later start ${words(1, 38)}`;
    const p = summarize(revs, { '1': 'Later start', '2': `Later start ${words(1, 38)}` }, final);
    expect(p).toMatchObject({ status: 'summarized', sessionCount: 1, firstRevisionShare: 0.05 });
    expect(p.status === 'summarized' && p.largestAddition).toEqual({ share: 0.95, at: at(12, 21, 4), from: at(12, 20, 50), revisions: 1 });
    expect(processFlag(p)).toEqual({ kind: 'one_addition', share: 0.95 });
  });

  test('a Doc that began with the whole text: the first revision is the addition', () => {
    const revs = [rev('1', at(12, 21, 4)), rev('2', at(12, 21, 30))];
    const p = summarize(revs, { '1': words(1, 50) }, words(1, 52));
    expect(p.status === 'summarized' && p.largestAddition).toEqual({ share: expect.closeTo(0.962, 3), at: at(12, 21, 4), from: null, revisions: 1 });
    expect(p).toMatchObject({ firstRevisionShare: expect.closeTo(0.962, 3) });
    expect(processFlag(p)?.kind).toBe('one_addition');
  });

  test('an unread revision widens the span: the addition is "between", not "in one revision"', () => {
    const revs = [rev('1', at(12, 20, 0)), rev('2', at(12, 20, 5)), rev('3', at(12, 20, 9)), rev('4', at(12, 20, 30))];
    const p = summarize(revs, { '1': words(1, 2) }, words(1, 40));
    expect(p.status === 'summarized' && p.largestAddition).toMatchObject({ from: at(12, 20, 0), at: at(12, 20, 30), revisions: 3 });
    expect(p).toMatchObject({ sampledCount: 1 });
  });

  test('a second editor is named with their revisions; the owner is not', () => {
    const revs = [rev('1', at(10, 18, 0)), rev('2', at(10, 18, 5), friend), rev('3', at(10, 18, 9), friend), rev('4', at(10, 18, 20))];
    const p = summarize(revs, { '1': words(1, 10), '2': words(1, 20), '3': words(1, 30) }, words(1, 40));
    expect(p).toMatchObject({ otherEditors: [{ name: 'Sam Lee', revisions: 2 }], otherEditorCount: 1 });
  });

  test('without an owner (shared drives), whoever started the Doc is taken as its owner', () => {
    const revs = [rev('1', at(10, 18, 0)), rev('2', at(10, 18, 5), friend), rev('3', at(10, 18, 9))];
    const p = summarize(revs, {}, words(1, 10), { ownerKey: null });
    expect(p).toMatchObject({ otherEditors: [{ name: 'Sam Lee', revisions: 1 }] });
  });

  test("the teacher's own revision (feedback inserted earlier) is neither a session, an editor nor an addition", () => {
    const revs = [rev('1', at(10, 18, 0)), rev('2', at(10, 18, 20)), rev('3', at(14, 9, 0), teacher)];
    const final = `${words(1, 40)} ${words(100, 160)}`; // the student's 40 words and a long feedback section
    const p = summarize(revs, { '1': words(1, 20), '2': words(1, 40) }, final);
    expect(p).toMatchObject({ sessionCount: 1, lastAt: at(10, 18, 20), teacherRevisions: 1, otherEditors: [] });
    // Only the student's own steps count: 20 of 101 words each, not the teacher's 61.
    expect(p.status === 'summarized' && p.largestAddition?.at).toBe(at(10, 18, 0));
    expect(processFlag(p)).toBeNull();
  });

  test('a teacher who owns the Doc is its writer', () => {
    const mine: EditorRef = { ...teacher, key: 'p-student' };
    const p = summarize([rev('1', at(10, 18, 0), mine), rev('2', at(10, 19, 0), mine)], {}, words(1, 10));
    expect(p).toMatchObject({ status: 'summarized', teacherRevisions: 0, sessionCount: 2 });
  });

  test('revisions out of order are read in time order', () => {
    const p = summarize([rev('2', at(12, 21, 4)), rev('1', at(12, 20, 50))], { '1': 'Later start' }, `Later start ${words(1, 38)}`);
    expect(p).toMatchObject({ firstAt: at(12, 20, 50), firstRevisionShare: 0.05 });
  });

  test.each([
    ['no revisions at all', [], words(1, 10), 0],
    ['one revision', [rev('1', at(10, 18, 0))], words(1, 10), 1],
    ["one student revision and the teacher's", [rev('1', at(10, 18, 0)), rev('2', at(11, 8, 0), teacher)], words(1, 10), 2],
    ['an empty Doc', [rev('1', at(10, 18, 0)), rev('2', at(10, 18, 5))], '   ', 2],
  ])('%s: too little to say', (_name, revs, final, count) => {
    expect(summarize(revs, {}, final)).toEqual({ status: 'too_little', revisionCount: count });
  });

  test('an incomplete list is said so', () => {
    expect(summarize([rev('1', at(10, 18, 0)), rev('2', at(10, 19, 0))], {}, words(1, 10), { listIncomplete: true })).toMatchObject({ listIncomplete: true });
  });

  test('many sessions keep the newest starts within the stored bound', () => {
    const revs = Array.from({ length: 80 }, (_, i) => rev(String(i + 1), new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString()));
    const p = summarize(revs, {}, words(1, 10));
    expect(p).toMatchObject({ sessionCount: 80 });
    expect(p.status === 'summarized' && p.sessionStarts).toHaveLength(60);
  });
});

describe('chooseRevisionSample', () => {
  const sessions = [
    rev('1', at(10, 18, 0)), rev('2', at(10, 18, 10)), rev('3', at(10, 18, 20)), // session 1
    rev('4', at(11, 19, 0)), rev('5', at(11, 19, 10)), rev('6', at(11, 19, 20)), // session 2
    rev('7', at(12, 17, 0)), rev('8', at(12, 17, 10)), rev('9', at(12, 17, 20)), rev('10', at(12, 17, 30)), // session 3 (10 is the head)
  ];
  test.each([
    ['nothing to read', 0, []],
    ['the first revision first', 1, ['1']],
    ['then the end of each session but the last (the current text stands for it)', 3, ['1', '3', '6']],
    ['then the widest stretches', 5, ['1', '3', '6', '8', '4']],
    ['never the head, never more than there is', 20, ['1', '2', '3', '4', '5', '6', '7', '8', '9']],
  ])('%s', (_name, budget, ids) => {
    expect(chooseRevisionSample(sessions, 'p-student', budget).sort((a, b) => Number(a) - Number(b))).toEqual([...ids].sort((a, b) => Number(a) - Number(b)));
  });

  test('more sessions than the budget: their ends spread evenly', () => {
    const many = Array.from({ length: 12 }, (_, i) => rev(String(i + 1), new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString()));
    expect(chooseRevisionSample(many, 'p-student', 4)).toEqual(['1', '3', '7', '10']);
  });

  test("never the teacher's revisions", () => {
    const revs = [rev('1', at(10, 18, 0)), rev('2', at(11, 8, 0), teacher), rev('3', at(12, 8, 0)), rev('4', at(13, 8, 0))];
    expect(chooseRevisionSample(revs, 'p-student', 6)).toEqual(['1', '3']);
  });

  test('one revision: nothing to read besides the current text', () => {
    expect(chooseRevisionSample([rev('1', at(10, 18, 0))], 'p-student', 6)).toEqual([]);
  });
});

describe('processFlag', () => {
  const summarized = (share: number | null): WritingProcess => ({
    status: 'summarized', revisionCount: 3, sampledCount: 1, sessionCount: 1, sessionStarts: [at(1, 1, 1)], firstAt: at(1, 1, 1), lastAt: at(1, 1, 2),
    largestAddition: share === null ? null : { share, at: at(1, 1, 2), from: null, revisions: 1 }, firstRevisionShare: 0, otherEditors: [], otherEditorCount: 0, teacherRevisions: 0, listIncomplete: false,
  });
  test.each([
    ['most of the text in one addition', summarized(0.92), { kind: 'one_addition', share: 0.92 }],
    ['exactly half', summarized(0.5), { kind: 'one_addition', share: 0.5 }],
    ['under half', summarized(0.49), null],
    ['no addition known', summarized(null), null],
    ['too little history', { status: 'too_little', revisionCount: 1 } as WritingProcess, null],
    ['unreadable history', { status: 'unavailable', reason: 'no_access' } as WritingProcess, null],
    ['no summary (an older add-on)', null, null],
  ])('%s', (_name, p, flag) => {
    expect(processFlag(p)).toEqual(flag);
  });
});
