import { appendToDoc, feedbackParagraphs, insertRequests, type Para } from '../../addon/services/docs-insert';
import { createGoogleHttp } from '../../addon/services/google-http';
import { GoogleApiError } from '../../addon/errors';
import { createUrlFetchApp, type FakeHttpRequest } from '../../dev/apps-script-fakes';
import { work } from './support/fixtures';

describe('the section appended to a student Doc', () => {
  test('all sections: heading, overall paragraph(s), strengths/opportunities and rubric as bullets (teacher edits used)', () => {
    const w = work();
    w.feedback!.qualitativeFeedback.current = 'First paragraph.\n\nSecond paragraph.';
    w.feedback!.feedbackItems[0]!.title.current = 'Gripping hook';
    const paras = feedbackParagraphs(w, ['qualitativeFeedback', 'feedbackItems', 'criterionLevels'], 'Sep 3, 2025');
    expect(paras).toEqual<Para[]>([
      { text: 'Feedback — Sep 3, 2025', style: 'HEADING_2' },
      { text: 'Overall', style: 'HEADING_3' },
      { text: 'First paragraph.', style: 'NORMAL_TEXT', bullet: false },
      { text: 'Second paragraph.', style: 'NORMAL_TEXT', bullet: false },
      { text: 'Strengths', style: 'HEADING_3' },
      { text: 'Gripping hook: Your opening question draws the reader in. (“Have you ever worn a tie in July?”)', style: 'NORMAL_TEXT', bullet: true },
      // One term for the card and the Doc: "Opportunities".
      { text: 'Opportunities', style: 'HEADING_3' },
      { text: 'Use evidence: Support claim two with a source. (“everyone knows uniforms are bad”)', style: 'NORMAL_TEXT', bullet: true },
      { text: 'Rubric', style: 'HEADING_3' },
      { text: 'Thesis — Exemplary: The claim is precise.', style: 'NORMAL_TEXT', bullet: true },
      { text: 'Evidence — Weak: Only one quotation.', style: 'NORMAL_TEXT', bullet: true },
    ]);
    expect(feedbackParagraphs(work({ feedback: null }), ['qualitativeFeedback'], 'x')).toEqual([]);
  });

  test('a scored rubric: each level with its points and the total under the rubric', () => {
    const w = work({ total: { earned: 6, possible: 8 } });
    w.rubric = w.rubric.map((c) => ({ ...c, levels: c.levels.map((l, i) => ({ ...l, points: 4 - i * 2 })) }));
    const rubric = feedbackParagraphs(w, ['criterionLevels'], 'Sep 3, 2025').slice(1);
    expect(rubric).toEqual<Para[]>([
      { text: 'Rubric — 6 / 8', style: 'HEADING_3' },
      { text: 'Thesis — Exemplary (4 pts): The claim is precise.', style: 'NORMAL_TEXT', bullet: true },
      { text: 'Evidence — Weak (2 pts): Only one quotation.', style: 'NORMAL_TEXT', bullet: true },
      { text: 'Total: 6 / 8', style: 'NORMAL_TEXT', bullet: false },
    ]);
  });

  test('requests: one insert at the end, styles reset, headings, one bullet list per run — indexes line up', () => {
    const paras: Para[] = [
      { text: 'Feedback', style: 'HEADING_2' },
      { text: 'ab', style: 'NORMAL_TEXT', bullet: true },
      { text: 'cde', style: 'NORMAL_TEXT', bullet: true },
      { text: 'Rubric', style: 'HEADING_3' },
      { text: 'f', style: 'NORMAL_TEXT', bullet: true },
    ];
    const reqs = insertRequests(paras, 10) as Record<string, { range?: { startIndex: number; endIndex: number } } & Record<string, unknown>>[];
    expect(reqs[0]).toEqual({ insertText: { location: { index: 9 }, text: '\nFeedback\nab\ncde\nRubric\nf' } });
    // After the insert the body reads …[9]\n [10]Feedback\n [19]ab\n [22]cde\n [26]Rubric\n [33]f
    const simulated = 'x'.repeat(9) + '\nFeedback\nab\ncde\nRubric\nf\n';
    const at = (r: { startIndex: number; endIndex: number }) => simulated.slice(r.startIndex - 0, r.endIndex);
    expect(reqs[1]).toEqual({ deleteParagraphBullets: { range: { startIndex: 10, endIndex: 34 } } });
    expect(reqs.slice(2, 4).map((r) => Object.keys(r)[0])).toEqual(['updateParagraphStyle', 'updateTextStyle']);
    const headings = reqs.filter((r) => 'updateParagraphStyle' in r).slice(1) as { updateParagraphStyle: { range: { startIndex: number; endIndex: number }; paragraphStyle: { namedStyleType: string } } }[];
    expect(headings.map((r) => [at(r.updateParagraphStyle.range), r.updateParagraphStyle.paragraphStyle.namedStyleType])).toEqual([
      ['Feedback', 'HEADING_2'],
      ['Rubric', 'HEADING_3'],
    ]);
    const bullets = reqs.filter((r) => 'createParagraphBullets' in r) as { createParagraphBullets: { range: { startIndex: number; endIndex: number } } }[];
    expect(bullets.map((r) => at(r.createParagraphBullets.range))).toEqual(['ab\ncde', 'f']);
    expect(insertRequests([], 10)).toEqual([]);
  });
});

describe('appendToDoc', () => {
  const paras: Para[] = [{ text: 'Feedback', style: 'HEADING_2' }];
  function docsApi(batchStatuses: number[]) {
    const seen: FakeHttpRequest[] = [];
    let revision = 0;
    const u = createUrlFetchApp({
      transport: (r) => {
        seen.push(r);
        if (r.method === 'GET') return { status: 200, body: JSON.stringify({ revisionId: `rev-${++revision}`, body: { content: [{ endIndex: 1 }, { endIndex: 40 + revision }] } }) };
        const status = batchStatuses.shift() ?? 200;
        return { status, body: status === 400 ? '{"error":{"message":"The required revision ID \'rev-1\' does not match"}}' : '{}' };
      },
    });
    return { seen, http: createGoogleHttp(u, () => 'teacher-token') };
  }

  test('reads the end, writes with the revision it read, with the teacher token', () => {
    const { seen, http } = docsApi([200]);
    appendToDoc('doc123456789', paras, { http, docsApiBaseUrl: 'https://docs.googleapis.com' });
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET https://docs.googleapis.com/v1/documents/doc123456789?fields=revisionId%2Cbody.content(endIndex)',
      'POST https://docs.googleapis.com/v1/documents/doc123456789:batchUpdate',
    ]);
    expect(seen[1]!.headers.Authorization).toBe('Bearer teacher-token');
    const body = JSON.parse(seen[1]!.payload!);
    expect(body.writeControl).toEqual({ requiredRevisionId: 'rev-1' });
    expect(body.requests[0]).toEqual({ insertText: { location: { index: 40 }, text: '\nFeedback' } });
  });

  test('someone typed in between: read the end again and retry once', () => {
    const { seen, http } = docsApi([400, 200]);
    appendToDoc('doc123456789', paras, { http, docsApiBaseUrl: 'https://docs.googleapis.com' });
    expect(seen.map((r) => r.method)).toEqual(['GET', 'POST', 'GET', 'POST']);
    const body = JSON.parse(seen[3]!.payload!);
    expect(body.writeControl).toEqual({ requiredRevisionId: 'rev-2' });
    expect(body.requests[0].insertText.location).toEqual({ index: 41 });
  });

  test('no access: a GoogleApiError telling the teacher what to do', () => {
    const { http } = docsApi([403]);
    expect(() => appendToDoc('doc123456789', paras, { http, docsApiBaseUrl: 'https://docs.googleapis.com' })).toThrow(GoogleApiError);
  });
});
