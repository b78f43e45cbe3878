import { z } from 'zod';
import type { SentSection } from '../../shared/domain';
import type { WorkView } from '../../shared/api';
import { formatPoints, formatTotal, pointsLabel } from '../../shared/rules/points';
import { GoogleApiError } from '../errors';
import type { GoogleHttp } from './google-http';

/** One paragraph to append to the student's Doc. */
export interface Para {
  text: string;
  style: 'HEADING_2' | 'HEADING_3' | 'NORMAL_TEXT';
  bullet?: boolean;
}

/** How the insert card names each section. */
export const SECTION_LABELS: Record<SentSection, string> = {
  qualitativeFeedback: 'Qualitative feedback',
  feedbackItems: 'Strengths and opportunities',
  criterionLevels: 'Rubric levels',
};

// Paragraph math counts on one line per paragraph: split the teacher's text on line breaks.
const lines = (s: string) => s.split(/[\r\n\v\f\u2028\u2029]+/).map((l) => l.trim()).filter(Boolean);

/** The formatted section for the chosen parts of a work's feedback (the teacher's current text). */
export function feedbackParagraphs(work: WorkView, sections: SentSection[], dateLabel: string): Para[] {
  const f = work.feedback;
  if (!f) return [];
  const out: Para[] = [{ text: `Feedback — ${dateLabel}`, style: 'HEADING_2' }];
  const normal = (text: string, bullet = false) => lines(text).forEach((t) => out.push({ text: t, style: 'NORMAL_TEXT', bullet }));
  if (sections.includes('qualitativeFeedback')) {
    out.push({ text: 'Overall', style: 'HEADING_3' });
    normal(f.qualitativeFeedback.current);
  }
  if (sections.includes('feedbackItems')) {
    // The same words as the work card ("Strengths", "Opportunities").
    for (const [kind, heading] of [['strength', 'Strengths'], ['opportunity', 'Opportunities']] as const) {
      const items = f.feedbackItems.filter((i) => i.kind === kind);
      if (items.length === 0) continue;
      out.push({ text: heading, style: 'HEADING_3' });
      for (const i of items) normal(`${i.title.current}: ${i.description.current}${i.evidence ? ` (“${i.evidence}”)` : ''}`, true);
    }
  }
  if (sections.includes('criterionLevels') && f.criterionLevels.length > 0) {
    out.push({ text: work.total ? `Rubric — ${formatTotal(work.total)}` : 'Rubric', style: 'HEADING_3' });
    for (const l of f.criterionLevels) {
      const criterion = work.rubric.find((c) => c.id === l.criterionId);
      if (!criterion) continue; // deleted from the rubric since grading
      const level = criterion.levels.find((x) => x.id === l.levelId);
      const pts = level && typeof level.points === 'number' && level.title !== formatPoints(level.points) ? ` (${pointsLabel(level.points)})` : '';
      normal(`${criterion.title} — ${level?.title ?? 'Level'}${pts}: ${l.explanation.current}`, true);
    }
    if (work.total) normal(`Total: ${formatTotal(work.total)}`);
  }
  return out;
}

type Range = { startIndex: number; endIndex: number };

/**
 * Docs API requests that append `paras` after the last paragraph of a body ending at `endIndex`.
 * The text goes in with one insert; then styles reset (inserted text inherits the style of the
 * paragraph it follows), headings are applied and consecutive bullets become one list.
 */
export function insertRequests(paras: Para[], endIndex: number): object[] {
  if (paras.length === 0) return [];
  const ranges: Range[] = [];
  let at = endIndex;
  for (const p of paras) {
    ranges.push({ startIndex: at, endIndex: at + p.text.length });
    at += p.text.length + 1;
  }
  const all: Range = { startIndex: endIndex, endIndex: ranges[ranges.length - 1]!.endIndex };
  const requests: object[] = [
    { insertText: { location: { index: endIndex - 1 }, text: `\n${paras.map((p) => p.text).join('\n')}` } },
    { deleteParagraphBullets: { range: all } },
    { updateParagraphStyle: { range: all, paragraphStyle: { namedStyleType: 'NORMAL_TEXT' }, fields: 'namedStyleType' } },
    { updateTextStyle: { range: all, textStyle: {}, fields: 'bold,italic,underline,strikethrough' } },
  ];
  paras.forEach((p, i) => {
    if (p.style !== 'NORMAL_TEXT') requests.push({ updateParagraphStyle: { range: ranges[i], paragraphStyle: { namedStyleType: p.style }, fields: 'namedStyleType' } });
  });
  for (let i = 0; i < paras.length; i++) {
    if (!paras[i]!.bullet) continue;
    let j = i;
    while (j + 1 < paras.length && paras[j + 1]!.bullet) j++;
    requests.push({ createParagraphBullets: { range: { startIndex: ranges[i]!.startIndex, endIndex: ranges[j]!.endIndex }, bulletPreset: 'BULLET_DISC_CIRCLE_SQUARE' } });
    i = j;
  }
  return requests;
}

const DocEndSchema = z.object({
  revisionId: z.string().optional(),
  body: z.object({ content: z.array(z.object({ endIndex: z.number().int().min(1) }).loose()).min(1) }),
});

/**
 * Append the paragraphs to the end of a Google Doc. `requiredRevisionId` makes Docs refuse the write
 * if someone typed in between (our indexes would be stale); then we read the end again, once.
 */
export function appendToDoc(docId: string, paras: Para[], deps: { http: GoogleHttp; docsApiBaseUrl: string }): void {
  const base = `${deps.docsApiBaseUrl}/v1/documents/${encodeURIComponent(docId)}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    const got = deps.http.get(`${base}?fields=revisionId%2Cbody.content(endIndex)`);
    if (got.getResponseCode() !== 200) throw docsFailure(got.getResponseCode());
    const doc = DocEndSchema.parse(JSON.parse(got.getContentText()));
    const endIndex = doc.body.content[doc.body.content.length - 1]!.endIndex;
    const body: Record<string, unknown> = { requests: insertRequests(paras, endIndex) };
    if (doc.revisionId) body.writeControl = { requiredRevisionId: doc.revisionId };
    const res = deps.http.postJson(`${base}:batchUpdate`, body);
    const status = res.getResponseCode();
    if (status === 200) return;
    const staleRevision = status === 400 && /revision/i.test(res.getContentText());
    if (!staleRevision || attempt === 1) throw docsFailure(status);
  }
}

function docsFailure(status: number): GoogleApiError {
  if (status === 401 || status === 403 || status === 404) {
    return new GoogleApiError(`Google Docs refused the change (HTTP ${status}). GradeBot can only edit Docs you chose with it: choose this Doc again with "Select student work", then insert.`, status);
  }
  return new GoogleApiError(`Google Docs could not add the feedback (HTTP ${status}). Try again.`, status);
}
