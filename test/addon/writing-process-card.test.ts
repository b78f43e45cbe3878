import { detailCard } from '../../addon/cards/detail-card';
import { workCard } from '../../addon/cards/work-card';
import { WRITING_PROCESS_CAUTION, writingProcessLines } from '../../addon/cards/writing-process';
import { createFormatter } from '../../addon/context';
import { createAppsScriptFakes, installAppsScriptFakes, textOf, widgets, type CardJson } from '../../dev/apps-script-fakes';
import type { WritingProcess, WritingProcessSummary } from '../../shared/domain';
import { completeDetail, work } from './support/fixtures';

const fakes = createAppsScriptFakes({ transport: () => ({ status: 500, body: '' }) });
// The teacher's zone: times read as local (21:04 UTC is 17:04 in New York in March).
const fmt = createFormatter(fakes.globals.Utilities, 'America/New_York');
let restore: () => void;
beforeAll(() => (restore = installAppsScriptFakes(fakes.globals)));
afterAll(() => restore());
const j = (c: unknown) => c as CardJson;

const summary = (over: Partial<WritingProcessSummary> = {}): WritingProcessSummary => ({
  status: 'summarized',
  revisionCount: 11,
  sampledCount: 6,
  sessionCount: 4,
  sessionStarts: ['2025-03-10T22:02:00.000Z', '2025-03-11T23:05:00.000Z', '2025-03-12T01:10:00.000Z', '2025-03-14T01:50:00.000Z'],
  firstAt: '2025-03-10T22:02:00.000Z',
  lastAt: '2025-03-14T02:41:00.000Z',
  largestAddition: { share: 0.06, at: '2025-03-11T23:30:00.000Z', from: '2025-03-11T23:05:00.000Z', revisions: 1 },
  firstRevisionShare: 0.05,
  otherEditors: [],
  otherEditorCount: 0,
  teacherRevisions: 0,
  listIncomplete: false,
  ...over,
});

describe('Writing process, in plain words', () => {
  test.each<[string, WritingProcess | null, string[]]>([
    [
      'written over sessions: days in the teacher’s zone, the largest addition small',
      summary(),
      [
        'Written over 4 sessions on 3 days, Mar 10 at 18:02 to Mar 13 at 22:41 (11 revisions).',
        'The largest single addition was 6% of the text.',
        '5% of the final text was already in the first revision (a template the Doc started from counts too).',
        'Only the owner edited it.',
      ],
    ],
    [
      'pasted at once: one revision, with its time',
      summary({ sessionCount: 1, sessionStarts: ['2025-03-13T00:50:00.000Z'], firstAt: '2025-03-13T00:50:00.000Z', lastAt: '2025-03-13T01:09:00.000Z', revisionCount: 3, largestAddition: { share: 0.92, at: '2025-03-13T01:04:00.000Z', from: '2025-03-13T00:50:00.000Z', revisions: 1 }, firstRevisionShare: 0.01 }),
      ['Written in one session on Mar 12 at 20:50 (3 revisions).', '92% of the text appeared in one revision on Mar 12 at 21:04.', '1% of the final text was already in the first revision (a template the Doc started from counts too).', 'Only the owner edited it.'],
    ],
    [
      'the whole text in the first revision: said once',
      summary({ largestAddition: { share: 0.97, at: '2025-03-10T22:02:00.000Z', from: null, revisions: 1 }, firstRevisionShare: 0.97 }),
      ['Written over 4 sessions on 3 days, Mar 10 at 18:02 to Mar 13 at 22:41 (11 revisions).', "97% of the text was already in the Doc's first revision, on Mar 10 at 18:02.", 'Only the owner edited it.'],
    ],
    [
      'an addition known only within a span of unread revisions',
      summary({ largestAddition: { share: 0.7, at: '2025-03-11T23:30:00.000Z', from: '2025-03-11T23:05:00.000Z', revisions: 4 }, firstRevisionShare: null }),
      ['Written over 4 sessions on 3 days, Mar 10 at 18:02 to Mar 13 at 22:41 (11 revisions).', '70% of the text appeared between Mar 11 at 19:05 and Mar 11 at 19:30, across 4 revisions.', 'Only the owner edited it.'],
    ],
    [
      'another editor, the teacher’s own edits and an incomplete list',
      summary({ otherEditors: [{ name: 'Lena <Nguyen>', revisions: 1 }], otherEditorCount: 3, teacherRevisions: 2, listIncomplete: true }),
      [
        'Written over 4 sessions on 3 days, Mar 10 at 18:02 to Mar 13 at 22:41 (11 revisions).',
        'The largest single addition was 6% of the text.',
        '5% of the final text was already in the first revision (a template the Doc started from counts too).',
        'Also edited by Lena &lt;Nguyen&gt; (1 revision) and 2 other people.',
        'Your own edits (2 revisions, such as inserted feedback) are left out.',
        'Drive did not list the oldest revisions of this long history.',
      ],
    ],
    [
      'a small addition across unread revisions: an upper bound',
      summary({ largestAddition: { share: 0.2, at: '2025-03-11T23:30:00.000Z', from: '2025-03-11T23:05:00.000Z', revisions: 3 }, firstRevisionShare: null }),
      ['Written over 4 sessions on 3 days, Mar 10 at 18:02 to Mar 13 at 22:41 (11 revisions).', 'No single addition was more than 20% of the text.', 'Only the owner edited it.'],
    ],
    ['one revision: not enough history to say', { status: 'too_little', revisionCount: 1 }, ['Not enough history to say: Drive lists only 1 revision of this Doc by its writer.']],
    ['no revisions', { status: 'too_little', revisionCount: 0 }, ['Not enough history to say: Drive lists no revisions of this Doc.']],
    ['no access', { status: 'unavailable', reason: 'no_access' }, ["GradeBot could not read this Doc's history: Drive lists revisions only to people who can edit the Doc."]],
    ['out of time', { status: 'unavailable', reason: 'out_of_time' }, ["GradeBot ran out of time to read this Doc's history while submitting (many Docs at once)."]],
    ['an older work', null, ['Not read: this work was submitted before GradeBot read revision histories.']],
  ])('%s', (_name, p, lines) => {
    expect(writingProcessLines(p, fmt)).toEqual(lines);
  });

  test('the work card shows it beside the AI-use check, with the caution; never a verdict', () => {
    const c = j(workCard(work({ writingProcess: summary({ largestAddition: { share: 0.92, at: '2025-03-13T01:04:00.000Z', from: '2025-03-13T00:50:00.000Z', revisions: 1 } }) }), fmt));
    const texts = widgets(c).map((w) => JSON.stringify(w));
    const ai = texts.findIndex((t) => t.includes('AI-generated likelihood'));
    const process = texts.findIndex((t) => t.includes('Writing process'));
    expect(ai).toBeGreaterThan(-1);
    expect(process).toBeGreaterThan(ai);
    expect(textOf(c)).toContain('92% of the text appeared in one revision on Mar 12 at 21:04.');
    expect(textOf(c)).toContain(WRITING_PROCESS_CAUTION);
    const block = [...writingProcessLines(summary(), fmt), WRITING_PROCESS_CAUTION].join(' ');
    expect(block).not.toMatch(/cheat|plagiar|AI-written|AI-generated|dishonest/i);
  });

  test('"not enough history" carries no caution (there is nothing to be cautious about)', () => {
    const c = j(workCard(work({ writingProcess: { status: 'too_little', revisionCount: 1 } }), fmt));
    expect(textOf(c)).toContain('Not enough history to say');
    expect(textOf(c)).not.toContain(WRITING_PROCESS_CAUTION);
  });
});

describe('the works list flags one addition that is most of the text', () => {
  test('flagged works say so; the others do not', () => {
    const d = completeDetail();
    d.works[0] = { ...d.works[0]!, processFlag: { kind: 'one_addition', share: 0.92 } };
    d.works[1] = { ...d.works[1]!, processFlag: null };
    const rows = widgets(j(detailCard(d, fmt))).flatMap((w) => ('decoratedText' in w && w.decoratedText.text.startsWith('Essay') ? [w.decoratedText] : []));
    expect(rows[0]!.bottomLabel).toContain('⚑ One addition brought 92% of the text: see Writing process');
    expect(rows[1]!.bottomLabel).not.toContain('⚑');
    expect(rows[2]!.bottomLabel).not.toContain('⚑');
  });
});

describe('evidence that holds', () => {
  test('each shown quote is marked as found in the text, and the dropped ones are counted', () => {
    const w = work();
    const c = j(workCard({ ...w, feedback: { ...w.feedback!, droppedEvidenceCount: 2 } }, fmt));
    const text = textOf(c);
    expect(text).toContain('<i>“Have you ever worn a tie in July?”</i> <font color="#188038">✓ in the text</font>');
    expect(text).toContain("✓ Every quote shown was found word for word in the student's text. 2 quotes the AI gave were not in the text and were left out.");
  });

  test('one dropped, none shown', () => {
    const w = work();
    const items = w.feedback!.feedbackItems.map((i) => ({ ...i, evidence: '' }));
    const text = textOf(j(workCard({ ...w, feedback: { ...w.feedback!, feedbackItems: items, droppedEvidenceCount: 1 } }, fmt)));
    expect(text).toContain('1 quote the AI gave was not in the text and was left out.');
    expect(text).not.toContain('Every quote shown');
  });

  test('no quotes and none dropped: nothing said', () => {
    const w = work();
    const items = w.feedback!.feedbackItems.map((i) => ({ ...i, evidence: '' }));
    expect(textOf(j(workCard({ ...w, feedback: { ...w.feedback!, feedbackItems: items } }, fmt)))).not.toMatch(/quote/i);
  });
});
