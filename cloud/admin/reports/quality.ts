import { addQuality, emptyQuality, pooled, type QualityCounts, qualityFigures } from '../../../shared/rules/feedback-quality';
import { addDay, type QualityDay, readAssignmentsQuality, readQualityDays, readTeachersQuality } from '../../quality/quality-rollups';
import { lineChart } from '../charts/line-chart';
import { shortPercent } from '../charts/scale';
import { daysBetween, type PeriodId, shortDay } from '../periods';
import { html } from '../render/html';
import type { Report } from '../render/report';
import type { Column, Table } from '../render/table';
import { teacherAssignments, usersByIds } from '../sources/records';
import { periodLinks, periodOf, rangeText, type ReportContext } from './context';

/**
 * "Feedback quality" (issue 16): how much of the AI's feedback teachers kept, over reviewed works
 * only (edited, inserted or approved): exact and adjacent level agreement, quadratic weighted
 * kappa, and how often each part of the feedback was rewritten — over time, by model, by feedback
 * prompt version and by tone, with teachers and their assignments as drill-down. Reads the quality
 * rollups (cloud/quality): days × shards, one document per teacher, one per assignment shown.
 */

const FIGURE_COLUMNS: Column[] = [
  { label: 'Reviewed works', kind: 'int' },
  { label: 'Levels', kind: 'int' },
  { label: 'Levels kept', kind: 'int' },
  { label: 'Exact agreement', kind: 'percent' },
  { label: 'Adjacent agreement (±1)', kind: 'percent' },
  { label: 'QWK', kind: 'decimal' },
  { label: 'Qualitative feedback edited', kind: 'percent' },
  { label: 'Feedback items edited', kind: 'percent' },
  { label: 'Level explanations edited', kind: 'percent' },
];

function figureCells(q: QualityCounts) {
  const f = qualityFigures(q);
  return [f.reviewedWorks, f.levels, f.kept, f.exact, f.adjacent, f.kappa === null ? null : Math.round(f.kappa * 1000) / 1000, f.editRates.qualitative, f.editRates.items, f.editRates.explanations];
}

const sum = (list: QualityDay[]) => list.reduce(addDay, { kind: 'day', day: 'total', total: emptyQuality(), model: {}, prompt: {}, tone: {} });

function dimensionTable(id: string, title: string, label: string, by: Record<string, QualityCounts>, total: QualityCounts): Table {
  const keys = Object.keys(by).sort((a, b) => by[b]!.works - by[a]!.works || a.localeCompare(b));
  return {
    id,
    title,
    columns: [{ label, kind: 'text' }, ...FIGURE_COLUMNS],
    rows: keys.map((k) => ({ cells: [k, ...figureCells(by[k]!)] })),
    total: { cells: ['Total', ...figureCells(total)] },
    empty: 'No reviewed works were graded in this period.',
  };
}

export async function qualityReport(ctx: ReportContext, periodId: PeriodId): Promise<Report> {
  const period = periodOf(ctx, periodId);
  const [byDay, teachers] = await Promise.all([readQualityDays(ctx.paths, period), readTeachersQuality(ctx.paths)]);
  const days = daysBetween(period.from, period.to);
  const all = sum([...byDay.values()]);
  const figures = days.map((d) => qualityFigures(byDay.get(d)?.total ?? emptyQuality()));

  const daily: Table = {
    id: 'quality-by-day',
    title: 'Agreement and edit rates by the day the work was graded',
    columns: [{ label: 'Day', kind: 'day' }, ...FIGURE_COLUMNS],
    rows: days.map((d) => ({ cells: [d, ...figureCells(byDay.get(d)?.total ?? emptyQuality())] })),
    total: { cells: ['Total', ...figureCells(all.total)] },
  };

  const users = await usersByIds(ctx.paths, teachers.map((t) => t.userId));
  const ranked = [...teachers].sort((a, b) => b.counts.works - a.counts.works || a.userId.localeCompare(b.userId)).slice(0, 200);
  const teacherTable: Table = {
    id: 'quality-by-teacher',
    title: 'Teachers, all time (the 200 with the most reviewed works)',
    columns: [{ label: 'Teacher', kind: 'text' }, ...FIGURE_COLUMNS],
    rows: ranked.map((t) => ({ cells: [users.get(t.userId)?.email ?? t.userId, ...figureCells(t.counts)], links: [ctx.links.href(`/quality/teachers/${encodeURIComponent(t.userId)}`)] })),
    empty: 'No teacher has reviewed feedback yet.',
  };

  return {
    title: 'Feedback quality',
    meta: `${rangeText(period)}, by the day each work was graded. Counted only over works the teacher reviewed (edited, inserted into the Doc, or approved); a level kept is one the teacher left as the AI chose it. QWK: quadratic weighted kappa, pooled over criteria with the same number of levels.`,
    lead: periodLinks(ctx, '/quality', periodId),
    sections: [
      {
        id: 'over-time',
        title: 'Agreement over time',
        note: 'Published reference points: two trained human raters agree at about QWK 0.77; an LLM grading zero-shot at about 0.6.',
        blocks: [
          {
            chart: lineChart({
              title: `Level agreement per day, ${period.label.toLowerCase()}`,
              description: 'Lines: share of reviewed levels the teacher kept (exact) and within one level (adjacent), per UTC day of grading.',
              categories: days.map(shortDay),
              series: [
                { name: 'Exact', values: figures.map((f) => f.exact) },
                { name: 'Adjacent (±1)', values: figures.map((f) => f.adjacent) },
              ],
              format: shortPercent,
              yLabel: 'Share of levels',
              xLabel: 'Day graded (UTC)',
            }),
          },
          {
            chart: lineChart({
              title: `Edit rate per day, ${period.label.toLowerCase()}`,
              description: 'Lines: share of each feedback part the teacher rewrote, over reviewed works, per UTC day of grading.',
              categories: days.map(shortDay),
              series: [
                { name: 'Qualitative feedback', values: figures.map((f) => f.editRates.qualitative) },
                { name: 'Feedback items', values: figures.map((f) => f.editRates.items) },
                { name: 'Level explanations', values: figures.map((f) => f.editRates.explanations) },
              ],
              format: shortPercent,
              yLabel: 'Share edited',
              xLabel: 'Day graded (UTC)',
            }),
          },
          { table: daily, collapsed: true },
        ],
      },
      { id: 'by-model', title: 'By model', blocks: [{ table: dimensionTable('quality-by-model', `By feedback model, ${period.label.toLowerCase()}`, 'Model', all.model, all.total) }] },
      {
        id: 'by-prompt',
        title: 'By feedback prompt version',
        note: 'The version is a hash of the feedback prompt template (prompts/version.ts); "unknown" is feedback stored before versions were recorded.',
        blocks: [{ table: dimensionTable('quality-by-prompt', `By feedback prompt version, ${period.label.toLowerCase()}`, 'Prompt version', all.prompt, all.total) }],
      },
      { id: 'by-tone', title: 'By tone', blocks: [{ table: dimensionTable('quality-by-tone', `By feedback tone, ${period.label.toLowerCase()}`, 'Tone', all.tone, all.total) }] },
      { id: 'teachers', title: 'Teachers', blocks: [{ table: teacherTable }] },
    ],
  };
}

/** Drill-down: one teacher's newest 100 assignments with their agreement (per-criterion kappa pooled). */
export async function teacherQualityReport(ctx: ReportContext, userId: string): Promise<Report> {
  const [users, assignments] = await Promise.all([usersByIds(ctx.paths, [userId]), teacherAssignments(ctx.paths, userId, 100)]);
  const counts = await readAssignmentsQuality(ctx.paths, assignments.map((a) => a.id));
  const total = counts.map(pooled).reduce(addQuality, emptyQuality());
  const table: Table = {
    id: 'teacher-quality',
    title: 'Assignments, newest first (all time)',
    columns: [{ label: 'Created', kind: 'datetime' }, { label: 'Assignment', kind: 'text' }, { label: 'Tone', kind: 'text' }, ...FIGURE_COLUMNS],
    rows: assignments.map((a, i) => ({ cells: [a.createdAt, a.title, a.feedbackTone, ...figureCells(counts[i]!)], links: [undefined, ctx.links.href(`/assignments/${encodeURIComponent(a.id)}`)] })),
    empty: 'This teacher has no assignments.',
  };
  const f = qualityFigures(total);
  return {
    title: `Feedback quality: ${users.get(userId)?.email ?? userId}`,
    meta: `Teacher ${userId} · ${f.reviewedWorks} reviewed works in these assignments, ${f.kept} of ${f.levels} levels kept${f.kappa === null ? '' : `, QWK ${f.kappa.toFixed(3)}`}.`,
    lead: html`<p class="note"><a href="${ctx.links.href('/quality')}">← Feedback quality</a></p>`,
    sections: [{ id: 'assignments', title: 'Assignments', note: 'QWK per assignment: each criterion’s kappa, weighted by its reviewed levels.', blocks: [{ table }] }],
  };
}
