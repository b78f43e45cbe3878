import { EDIT_PIECES, type UsageDay } from '../../stats/usage-rollups';
import { barChart } from '../charts/bar-chart';
import { shortInt } from '../charts/scale';
import { addDays, dayOf, periods, weekStart } from '../periods';
import type { Report } from '../render/report';
import type { Table } from '../render/table';
import { readUsageDays, sumUsage } from '../sources/usage';
import { rangeText, type ReportContext, ratio } from './context';

const WEEKS = 8;

const PIECE_LABELS: Record<(typeof EDIT_PIECES)[number], string> = {
  qualitativeFeedback: 'Qualitative feedback',
  feedbackItem: 'Feedback item',
  criterionLevel: 'Rubric level',
  summary: 'Work summary',
  question: 'Question for the student',
  assignmentSummary: 'Assignment summary',
};
const SECTION_LABELS = { qualitativeFeedback: 'Qualitative feedback', feedbackItems: 'Feedback items', criterionLevels: 'Rubric levels' } as const;

/**
 * The PRD's product-usage metrics from the usage rollups: assignments and works per week, works
 * per assignment, AI-generated vs pasted rubrics, how often and where teachers edit feedback, and
 * how much feedback is sent to Docs. Reads 8 weeks × 4 shards of day documents.
 */
export async function usageReport(ctx: ReportContext): Promise<Report> {
  const today = dayOf(ctx.now);
  const first = addDays(weekStart(today), -7 * (WEEKS - 1));
  const byDay = await readUsageDays(ctx.paths, { from: first, to: today });
  const weeks = Array.from({ length: WEEKS }, (_, i) => addDays(first, 7 * i));
  const perWeek = weeks.map((w) => sumUsage([...byDay.values()].filter((d) => weekStart(d.day) === w)));
  const all = sumUsage(perWeek);

  const weekly: Table = {
    id: 'weekly-usage',
    title: 'Product usage per week (weeks start on Monday, UTC)',
    columns: [
      { label: 'Week of', kind: 'day' },
      { label: 'Assignments', kind: 'int' },
      { label: 'Works submitted', kind: 'int' },
      { label: 'Works per assignment', kind: 'decimal' },
      { label: 'Works graded', kind: 'int' },
      { label: 'AI-generated rubrics', kind: 'int' },
      { label: 'Pasted rubrics', kind: 'int' },
      { label: 'AI rubric share', kind: 'percent' },
      { label: 'Feedback edits', kind: 'int' },
      { label: 'Edits per graded work', kind: 'decimal' },
      { label: 'Feedback sent to Docs', kind: 'int' },
    ],
    rows: perWeek.map((u, i) => ({ cells: weekCells(weeks[i]!, u) })),
    total: { cells: weekCells('Total', all) },
  };
  const bars = (title: string, what: string, series: { name: string; values: number[] }[]) =>
    barChart({ title, description: `Bars: ${what} per week.`, categories: weeks.map((w) => w.slice(5)), series, format: shortInt, yLabel: what, xLabel: 'Week of (Monday)' });

  const last30 = periods(ctx.now)['30d'];
  const recent = sumUsage([...byDay.values()].filter((d) => d.day >= last30.from));
  const editTotal = EDIT_PIECES.reduce((s, p) => s + recent.edits[p], 0);
  const edits: Table = {
    id: 'edits-by-piece',
    title: 'Feedback edits by piece, last 30 days',
    columns: [
      { label: 'Piece', kind: 'text' },
      { label: 'Edits', kind: 'int' },
      { label: 'Share of edits', kind: 'percent' },
      { label: 'Edits per graded work', kind: 'decimal' },
    ],
    rows: EDIT_PIECES.map((p) => ({ cells: [PIECE_LABELS[p], recent.edits[p], ratio(recent.edits[p], editTotal), ratio(recent.edits[p], recent.works.graded)] })),
    total: { cells: ['Total', editTotal, ratio(editTotal, editTotal), ratio(editTotal, recent.works.graded)] },
  };
  const sections = Object.keys(SECTION_LABELS) as (keyof typeof SECTION_LABELS)[];
  const sent: Table = {
    id: 'feedback-sent',
    title: 'Feedback sent to students’ Docs, last 30 days',
    columns: [
      { label: 'What', kind: 'text' },
      { label: 'Count', kind: 'int' },
      { label: 'Per graded work', kind: 'decimal' },
    ],
    rows: [
      { cells: ['Insertions into a Doc', recent.feedbackSent, ratio(recent.feedbackSent, recent.works.graded)] },
      ...sections.map((s) => ({ cells: [`Section: ${SECTION_LABELS[s]}`, recent.sectionsSent[s], ratio(recent.sectionsSent[s], recent.works.graded)] })),
    ],
  };
  const tones: Table = {
    id: 'tones',
    title: 'Feedback tone chosen, last 30 days',
    columns: [
      { label: 'Tone', kind: 'text' },
      { label: 'Assignments', kind: 'int' },
      { label: 'Share', kind: 'percent' },
    ],
    rows: (['encouraging', 'neutral', 'critical'] as const).map((t) => ({ cells: [t, recent.tones[t], ratio(recent.tones[t], recent.tones.encouraging + recent.tones.neutral + recent.tones.critical)] })),
  };

  return {
    title: 'Product usage',
    meta: `Weeks from ${first} to ${today}; the 30-day tables cover ${rangeText(last30)}. Counted when each event happened (cloud/stats usage rollups).`,
    sections: [
      {
        id: 'volume',
        title: 'Assignments and student works per week',
        blocks: [
          { chart: bars('Assignments created per week', 'Assignments', [{ name: 'Assignments', values: perWeek.map((u) => u.assignmentsCreated) }]) },
          { chart: bars('Student works submitted per week', 'Works', [{ name: 'Works submitted', values: perWeek.map((u) => u.works.submitted) }]) },
          { table: weekly },
        ],
      },
      {
        id: 'rubrics',
        title: 'AI-generated vs pasted rubrics',
        blocks: [{ chart: bars('Rubrics per week: AI-generated and pasted', 'Rubrics', [{ name: 'AI-generated', values: perWeek.map((u) => u.rubrics.generated) }, { name: 'Pasted', values: perWeek.map((u) => u.rubrics.pasted) }]) }],
      },
      {
        id: 'edits',
        title: 'How often teachers edit feedback, and which pieces',
        note: 'Fewer edits per graded work suggests feedback teachers accept as written (PRD quality metric).',
        blocks: [
          { chart: barChart({ title: 'Feedback edits by piece, last 30 days', description: 'Bars: number of teacher edits for each piece of feedback.', categories: EDIT_PIECES.map((p) => PIECE_LABELS[p]), series: [{ name: 'Edits', values: EDIT_PIECES.map((p) => recent.edits[p]) }], format: shortInt, yLabel: 'Edits', xLabel: 'Piece of feedback' }) },
          { table: edits },
        ],
      },
      { id: 'sent', title: 'Feedback sent to Docs', blocks: [{ table: sent }, { table: tones }] },
    ],
  };
}

function weekCells(label: string, u: UsageDay) {
  const edits = Object.values(u.edits).reduce((s, n) => s + n, 0);
  return [label, u.assignmentsCreated, u.works.submitted, ratio(u.works.submitted, u.assignmentsCreated), u.works.graded, u.rubrics.generated, u.rubrics.pasted, ratio(u.rubrics.generated, u.rubrics.generated + u.rubrics.pasted), edits, ratio(edits, u.works.graded), u.feedbackSent];
}
