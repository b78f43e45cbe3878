import { documentJson } from '../../dev/drive-server/doc-json';
import { docFromMarkup } from '../../dev/drive-server/doc-markup';
import { type DocsStructuralElement, locateQuoteInDoc } from '../../shared/rules/quote-location';

/** A Doc's body as the Docs API (the local stand-in's documents.get) gives it. */
const body = (markup: string) => (documentJson('doc1', 'Essay', docFromMarkup(markup)).body as unknown as { content: DocsStructuralElement[] }).content;
/** The Doc's text between Docs indexes, as the stand-in's model holds it (index 1 is the first character). */
const at = (markup: string, r: { startIndex: number; endIndex: number }) => docFromMarkup(markup).body.text.slice(r.startIndex - 1, r.endIndex - 1);

const ESSAY = [
  '# Later start 🎉 now',
  'My sister’s school “starts” at 7:15, and she’s always tired.',
  'Teenagers need sleep — at least nine\u00A0hours. Teenagers need sleep.',
  '- **Bold** point with *style* inside',
].join('\n');

describe('locateQuoteInDoc', () => {
  test.each<[string, string, string[]]>([
    ['straight quotes for curly ones', `My sister's school "starts" at 7:15`, ['My sister’s school “starts” at 7:15']],
    ['after an emoji (two UTF-16 units)', 'now', ['now']],
    ['the emoji itself', 'start 🎉 now', ['start 🎉 now']],
    ['a non-breaking space and a dash without spaces', 'sleep--at least nine hours', ['sleep — at least nine\u00A0hours']],
    ['across a paragraph break', '7:15, and she’s always tired. Teenagers need', ['7:15, and she’s always tired.\nTeenagers need']],
    ['across text runs of different styles', 'Bold point with style inside', ['Bold point with style inside']],
    ['an elided quote: one range per segment', 'My sister’s school ... always tired', ['My sister’s school', 'always tired']],
  ])('%s', (_name, quote, texts) => {
    const ranges = locateQuoteInDoc(quote, body(ESSAY));
    expect(ranges?.map((r) => at(ESSAY, r))).toEqual(texts);
  });

  test('a quote found twice pins the first occurrence', () => {
    const [first] = locateQuoteInDoc('Teenagers need sleep', body(ESSAY))!;
    const text = docFromMarkup(ESSAY).body.text;
    expect(first!.startIndex - 1).toBe(text.indexOf('Teenagers need sleep'));
    expect(text.indexOf('Teenagers need sleep', first!.startIndex)).toBeGreaterThan(first!.startIndex);
  });

  test('indexes count UTF-16 units: the range after the emoji is where Docs has it', () => {
    const [r] = locateQuoteInDoc('now', body(ESSAY))!;
    // "Later start " (12) + 🎉 (2) + " " (1), after the body's opening index 1.
    expect(r).toEqual({ startIndex: 16, endIndex: 19 });
  });

  test.each([
    ['the student edited the passage since', 'My sister’s school starts at 7:30'],
    ['words in another order', 'need Teenagers sleep'],
    ['an empty quote', ''],
  ])('not found: %s', (_name, quote) => {
    expect(locateQuoteInDoc(quote, body(ESSAY))).toBeUndefined();
  });

  test('text in table cells is searched too, with their own indexes', () => {
    const content: DocsStructuralElement[] = [
      { table: { tableRows: [{ tableCells: [{ content: [{ paragraph: { elements: [{ startIndex: 5, endIndex: 17, textRun: { content: 'Cell words.\n' } }] } }] }] }] } },
    ];
    expect(locateQuoteInDoc('cell words', content)).toEqual([{ startIndex: 5, endIndex: 15 }]);
  });

  test('a range is cut where the indexes jump (an inline object between runs)', () => {
    const content: DocsStructuralElement[] = [
      { paragraph: { elements: [{ startIndex: 1, endIndex: 7, textRun: { content: 'Hello ' } }, { startIndex: 8, endIndex: 14, textRun: { content: 'world\n' } }] } },
    ];
    expect(locateQuoteInDoc('Hello world', content)).toEqual([{ startIndex: 1, endIndex: 7 }, { startIndex: 8, endIndex: 13 }]);
  });
});
