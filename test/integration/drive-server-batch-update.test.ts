import { type DriveServer, startDriveServer } from '../../dev/drive-server/server';
import { sampleFileId } from '../../dev/drive-server/samples';

const TEACHER = 'ms.rivera@westbrook.example';
const MAYA = sampleFileId('maya-chen');
const SOFIA = sampleFileId('sofia-ramirez');

let drive: DriveServer;
let token: string;

interface Para {
  start: number;
  end: number;
  text: string;
  style: string;
  listId?: string;
  nestingLevel?: number;
  runs: Array<{ start: number; end: number; content: string; textStyle: Record<string, unknown> }>;
}

type DocJson = { revisionId: string; body: { content: Array<Record<string, any>> }; lists?: Record<string, any> };

async function getDoc(id: string): Promise<DocJson> {
  const res = await fetch(`${drive.url}/v1/documents/${id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.json();
}

function paragraphs(doc: DocJson): Para[] {
  return doc.body.content
    .filter((e) => e.paragraph)
    .map((e) => ({
      start: e.startIndex,
      end: e.endIndex,
      text: e.paragraph.elements.map((el: any) => el.textRun.content).join(''),
      style: e.paragraph.paragraphStyle.namedStyleType,
      listId: e.paragraph.bullet?.listId,
      nestingLevel: e.paragraph.bullet?.nestingLevel,
      runs: e.paragraph.elements.map((el: any) => ({ start: el.startIndex, end: el.endIndex, content: el.textRun.content, textStyle: el.textRun.textStyle })),
    }));
}

const endIndex = (doc: DocJson) => doc.body.content[doc.body.content.length - 1]!.endIndex as number;

function batchUpdate(id: string, body: unknown, t = token) {
  return fetch(`${drive.url}/v1/documents/${id}:batchUpdate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  drive = await startDriveServer({ port: 0 });
  token = drive.issueOAuthToken(TEACHER);
});

beforeEach(() => {
  drive.reset();
  drive.grant(TEACHER, [MAYA, SOFIA]);
});

afterAll(async () => {
  await drive.close();
});

describe('appending feedback', () => {
  const heading = 'GradeBot feedback';
  const note = 'Maya, your essay makes a clear, well-supported case.';
  const sub = 'Strengths';
  const items = ['Clear thesis in the first paragraph', 'Sources woven into your reasoning'];

  async function appendFeedback(): Promise<{ before: DocJson; end: number; response: any }> {
    const before = await getDoc(MAYA);
    const end = endIndex(before);
    const at = end - 1; // just before the body's final newline
    const text = `\n${heading}\n${note}\n${sub}\n${items.join('\n')}`;
    const headingAt = at + 1;
    const noteAt = headingAt + heading.length + 1;
    const subAt = noteAt + note.length + 1;
    const itemsAt = subAt + sub.length + 1;
    const res = await batchUpdate(MAYA, {
      requests: [
        { insertText: { location: { index: at }, text } },
        { updateParagraphStyle: { range: { startIndex: headingAt, endIndex: headingAt + heading.length }, paragraphStyle: { namedStyleType: 'HEADING_2' }, fields: 'namedStyleType' } },
        { updateParagraphStyle: { range: { startIndex: subAt, endIndex: subAt + sub.length }, paragraphStyle: { namedStyleType: 'HEADING_3' }, fields: 'namedStyleType' } },
        { updateTextStyle: { range: { startIndex: noteAt, endIndex: noteAt + 'Maya'.length }, textStyle: { bold: true }, fields: 'bold' } },
        { createParagraphBullets: { range: { startIndex: itemsAt, endIndex: itemsAt + items.join('\n').length }, bulletPreset: 'BULLET_DISC_CIRCLE_SQUARE' } },
      ],
    });
    expect(res.status).toBe(200);
    return { before, end, response: await res.json() };
  }

  test('a heading, a paragraph and bullets land after the essay with the right indexes', async () => {
    const { before, end, response } = await appendFeedback();
    expect(response.documentId).toBe(MAYA);
    expect(response.replies).toEqual([{}, {}, {}, {}, {}]);
    expect(response.writeControl.requiredRevisionId).not.toBe(before.revisionId);

    const after = await getDoc(MAYA);
    const old = paragraphs(before);
    const paras = paragraphs(after);
    // The essay is untouched: same paragraphs at the same indexes.
    expect(paras.slice(0, old.length)).toEqual(old);
    const added = paras.slice(old.length);
    expect(added.map((p) => [p.start, p.end, p.text, p.style])).toEqual([
      [end, end + heading.length + 1, `${heading}\n`, 'HEADING_2'],
      [end + heading.length + 1, end + heading.length + note.length + 2, `${note}\n`, 'NORMAL_TEXT'],
      [end + heading.length + note.length + 2, end + heading.length + note.length + sub.length + 3, `${sub}\n`, 'HEADING_3'],
      [end + heading.length + note.length + sub.length + 3, end + heading.length + note.length + sub.length + items[0]!.length + 4, `${items[0]}\n`, 'NORMAL_TEXT'],
      [end + heading.length + note.length + sub.length + items[0]!.length + 4, endIndex(after), `${items[1]}\n`, 'NORMAL_TEXT'],
    ]);
    // Each paragraph starts where the previous one ends, down to the body's end.
    paras.forEach((p, i) => expect(p.start).toBe(i === 0 ? 1 : paras[i - 1]!.end));

    const [, noteP, , item1, item2] = added;
    expect(noteP!.runs[0]).toEqual({ start: noteP!.start, end: noteP!.start + 4, content: 'Maya', textStyle: { bold: true } });
    expect(noteP!.runs[1]!.textStyle).toEqual({});
    expect(item1!.listId).toBeDefined();
    expect(item2!.listId).toBe(item1!.listId);
    expect(added[0]!.listId).toBeUndefined();
    expect(after.lists![item1!.listId!].listProperties.nestingLevels[0].glyphSymbol).toBe('●');
  });

  test('the Doc page and the text export show the feedback after the essay', async () => {
    const { end } = await appendFeedback();
    const html = await (await fetch(`${drive.url}/document/d/${MAYA}/edit`)).text();
    const lastEssayLine = html.indexOf('Let us sleep, and then watch what we can do.');
    const h2 = html.indexOf(`<h2 data-start="${end}" data-end="${end + heading.length + 1}">${heading}</h2>`);
    const bold = html.indexOf('<strong>Maya</strong>, your essay makes a clear, well-supported case.');
    const h3 = html.indexOf(`>${sub}</h3>`);
    const li1 = html.indexOf(`<span class="marker" aria-hidden="true">●</span><span>${items[0]}</span></li>`);
    const li2 = html.indexOf(`<span class="marker" aria-hidden="true">●</span><span>${items[1]}</span></li>`);
    expect([lastEssayLine, h2, bold, h3, li1, li2].every((i) => i > 0)).toBe(true);
    expect([lastEssayLine, h2, bold, h3, li1, li2]).toEqual([...[lastEssayLine, h2, bold, h3, li1, li2]].sort((a, b) => a - b));
    expect(html).toMatch(/<ul class="list">\s*<li[^>]*>.*Clear thesis.*<\/li>\s*<li[^>]*>.*Sources woven.*<\/li>\s*<\/ul>/);

    const exported = drive.exportText(MAYA);
    expect(exported.endsWith(`watch what we can do.\r\n${heading}\r\n${note}\r\n${sub}\r\n* ${items[0]}\r\n* ${items[1]}`)).toBe(true);
  });

  test('appended paragraphs inherit a trailing list, and deleteParagraphBullets and tabs behave as in Docs', async () => {
    const doc = drive.addDocument({ name: 'List ending', text: 'Reasons:\n- Sleep\n- Grades' });
    drive.grant(TEACHER, [doc.id]);
    const res = await batchUpdate(doc.id, { requests: [{ insertText: { endOfSegmentLocation: {}, text: '\nFeedback\n\tNested point' } }] });
    expect(res.status).toBe(200);
    let paras = paragraphs(await getDoc(doc.id));
    const listId = paras[1]!.listId;
    // New paragraphs copy the bullet of the paragraph they were split from, as Docs does.
    expect(paras.map((p) => p.listId)).toEqual([undefined, listId, listId, listId, listId]);

    const feedback = paras[3]!;
    const nested = paras[4]!;
    const res2 = await batchUpdate(doc.id, {
      requests: [
        { deleteParagraphBullets: { range: { startIndex: feedback.start, endIndex: nested.end } } },
        { createParagraphBullets: { range: { startIndex: nested.start, endIndex: nested.end - 1 }, bulletPreset: 'NUMBERED_DECIMAL_ALPHA_ROMAN' } },
      ],
    });
    expect(res2.status).toBe(200);
    paras = paragraphs(await getDoc(doc.id));
    expect(paras[3]).toMatchObject({ text: 'Feedback\n', listId: undefined });
    // The leading tab set the nesting level and was removed, shifting the end index by one.
    expect(paras[4]).toMatchObject({ text: 'Nested point\n', nestingLevel: 1, start: nested.start, end: nested.end - 1 });
    expect(paras[4]!.listId).not.toBe(listId);
    expect(drive.exportText(doc.id).replace(/^\uFEFF/, '').split('\r\n')).toEqual(['Reasons:', '* Sleep', '* Grades', 'Feedback', '    a. Nested point']);
  });

  test('indexes count UTF-16 code units: an emoji takes two', async () => {
    const before = paragraphs(await getDoc(SOFIA));
    const title = before.find((p) => p.text.startsWith('School Should Start Later'))!;
    expect(title.text).toBe('School Should Start Later 😴\n');
    expect(title.end - title.start).toBe(29);

    const inside = await batchUpdate(SOFIA, { requests: [{ insertText: { location: { index: title.end - 2 }, text: 'x' } }] });
    expect(inside.status).toBe(400);

    const ok = await batchUpdate(SOFIA, { requests: [{ insertText: { location: { index: title.end - 1 }, text: ' Zzz' } }] });
    expect(ok.status).toBe(200);
    const after = paragraphs(await getDoc(SOFIA));
    expect(after[before.indexOf(title)]!.text).toBe('School Should Start Later 😴 Zzz\n');
    expect(after[before.indexOf(title) + 1]!.start).toBe(title.end + 4);
  });

  test('deleting the inserted section gives back the original essay', async () => {
    const { before, end } = await appendFeedback();
    const res = await batchUpdate(MAYA, { requests: [{ deleteContentRange: { range: { startIndex: end - 1, endIndex: endIndex(await getDoc(MAYA)) - 1 } } }] });
    expect(res.status).toBe(200);
    const after = paragraphs(await getDoc(MAYA));
    expect(after).toEqual(paragraphs(before));
  });
});

describe('invalid requests', () => {
  test("an unknown request kind is 400 with Google's error shape, and nothing is applied", async () => {
    const before = await getDoc(MAYA);
    const res = await batchUpdate(MAYA, { requests: [{ insertText: { location: { index: 1 }, text: 'Hi ' } }, { appendParagraph: { text: 'x' } }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 400,
        message: `Invalid JSON payload received. Unknown name "appendParagraph" at 'requests[1]': Cannot find field.`,
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field: 'requests[1]', description: `Invalid JSON payload received. Unknown name "appendParagraph" at 'requests[1]': Cannot find field.` }],
          },
        ],
      },
    });
    expect(await getDoc(MAYA)).toEqual(before);
  });

  test('a bad index fails the whole batch atomically', async () => {
    const before = await getDoc(MAYA);
    const end = endIndex(before);
    const res = await batchUpdate(MAYA, {
      requests: [{ insertText: { location: { index: 1 }, text: 'Draft: ' } }, { insertText: { location: { index: end + 50 }, text: 'x' } }],
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.status).toBe('INVALID_ARGUMENT');
    expect(body.error.message).toBe(`Invalid requests[1].insertText: Index ${end + 50} must be less than the end index of the referenced segment, ${end + 7}.`);
    expect(await getDoc(MAYA)).toEqual(before);
  });

  test.each([
    ['a wrongly typed index', { insertText: { location: { index: 'five' }, text: 'x' } }, "requests[0].insert_text.location.index"],
    ['a named style that does not exist', { updateParagraphStyle: { range: { startIndex: 1, endIndex: 5 }, paragraphStyle: { namedStyleType: 'HEADING_7' }, fields: 'namedStyleType' } }, 'named_style_type'],
    ['a style update without fields', { updateTextStyle: { range: { startIndex: 1, endIndex: 5 }, textStyle: { bold: true } } }, "At least one field must be listed in 'fields'"],
    ['an empty range', { updateTextStyle: { range: { startIndex: 5, endIndex: 5 }, textStyle: { bold: true }, fields: 'bold' } }, 'The range should not be empty.'],
    ['index 0, the section break', { insertText: { location: { index: 0 }, text: 'x' } }, 'inside the bounds of an existing paragraph'],
    ['both location and endOfSegmentLocation', { insertText: { location: { index: 1 }, endOfSegmentLocation: {}, text: 'x' } }, 'exactly one of location and endOfSegmentLocation'],
    ['a request with two kinds', { insertText: { location: { index: 1 }, text: 'x' }, deleteParagraphBullets: { range: { startIndex: 1, endIndex: 2 } } }, "oneof field 'request' is already set"],
  ])('%s is 400 INVALID_ARGUMENT', async (_name, request, message) => {
    const res = await batchUpdate(MAYA, { requests: [request] });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(body.error.message).toContain(message);
  });

  test('deleting the final newline of the body is refused', async () => {
    const end = endIndex(await getDoc(MAYA));
    const res = await batchUpdate(MAYA, { requests: [{ deleteContentRange: { range: { startIndex: end - 3, endIndex: end } } }] });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('cannot include the newline character at the end of the segment');
  });

  test('a real Docs request the stand-in does not implement is 501 UNIMPLEMENTED', async () => {
    const res = await batchUpdate(MAYA, { requests: [{ replaceAllText: { containsText: { text: 'sleep' }, replaceText: 'rest' } }] });
    expect(res.status).toBe(501);
    expect((await res.json()).error.status).toBe('UNIMPLEMENTED');
  });

  test('requiredRevisionId must match the latest revision', async () => {
    const { revisionId } = await getDoc(MAYA);
    const insert = { insertText: { location: { index: 1 }, text: 'A' } };
    expect((await batchUpdate(MAYA, { requests: [insert], writeControl: { requiredRevisionId: revisionId } })).status).toBe(200);
    const stale = await batchUpdate(MAYA, { requests: [insert], writeControl: { requiredRevisionId: revisionId } });
    expect(stale.status).toBe(400);
    expect((await stale.json()).error.status).toBe('FAILED_PRECONDITION');
  });

  test('a Doc the user was not granted is 403, a missing one 404, as the Docs API answers', async () => {
    const notGranted = sampleFileId('ava-patel');
    const get = await fetch(`${drive.url}/v1/documents/${notGranted}`, { headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(403);
    expect(await get.json()).toEqual({ error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } });
    const update = await batchUpdate(notGranted, { requests: [{ insertText: { endOfSegmentLocation: {}, text: 'x' } }] });
    expect(update.status).toBe(403);
    const missing = await fetch(`${drive.url}/v1/documents/1NoSuchDocumentIdAtAllXXXXXXXXXXXXXXXXXXXXX`, { headers: { authorization: `Bearer ${token}` } });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.status).toBe('NOT_FOUND');
  });
});
