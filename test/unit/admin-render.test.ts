import { barChart } from '../../cloud/admin/charts/bar-chart';
import { lineChart } from '../../cloud/admin/charts/line-chart';
import { niceTicks } from '../../cloud/admin/charts/scale';
import { targetChart } from '../../cloud/admin/charts/target-chart';
import { compactUsd, csvCell, formatCell, formatMs, parseCsvNumber } from '../../cloud/admin/render/format';
import { html } from '../../cloud/admin/render/html';
import { csvHref, type Table, tableCsv, tableHtml } from '../../cloud/admin/render/table';

// Formatting, tables, CSV and SVG charts: escaping, CSV safety, and page ⇄ CSV agreement.

test.each([
  ['usd', 0.00549999, '$0.0055', '0.005500'],
  ['usd', 1234.5, '$1,234.50', '1234.500000'],
  ['usd', 0, '$0.00', '0.000000'],
  ['usd', -0.07351, '-$0.0735', '-0.073510'],
  ['percent', 0.12345, '12.3%', '12.3450'],
  ['int', 1234567, '1,234,567', '1234567'],
  ['ms', 850, '850 ms', '850'],
  ['ms', 12_345, '12.3 s', '12345'],
  ['ms', 245_000, '4 min 05 s', '245000'],
  ['decimal', 9.5, '9.50', '9.500'],
] as const)('%s %d reads %s on the page and %s in CSV', (kind, v, page, csv) => {
  expect(formatCell(kind, v)).toBe(page);
  expect(csvCell(kind, v)).toBe(csv);
});

test('no value is "—" on the page and empty in CSV', () => {
  expect(formatCell('percent', null)).toBe('—');
  expect(csvCell('percent', null)).toBe('');
});

test('page and CSV never round apart: formatting the CSV value gives the page text', () => {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 5000; i++) {
    for (const kind of ['usd', 'percent', 'ms', 'decimal', 'int'] as const) {
      const v = rand() * 10 ** Math.floor(rand() * 6 - 3);
      expect(formatCell(kind, parseCsvNumber(kind, csvCell(kind, v)))).toBe(formatCell(kind, v));
    }
  }
});

test('durations and compact money for labels', () => {
  expect(formatMs(60_000)).toBe('1 min 00 s');
  expect(['$0.05', '$0.10', '$1', '$0.002'].map((x) => x)).toEqual([0.05, 0.1, 1, 0.002].map(compactUsd));
});

const TABLE: Table = {
  id: 'things',
  title: 'Things <b>bold</b>',
  columns: [
    { label: 'Title', kind: 'text' },
    { label: 'Cost', kind: 'usd' },
    { label: 'Share', kind: 'percent' },
  ],
  rows: [
    { cells: ['<script>alert(1)</script>', 0.5, 0.25], links: ['/assignments/a"b'] },
    { cells: ['=HYPERLINK("http://evil.example")', 2, null] },
    { cells: ['Comma, "quoted"\nnew line', -1, 1] },
  ],
  total: { cells: ['Total', 1.5, null] },
};

test('table HTML escapes every value and links to its CSV with the page’s query', () => {
  const out = tableHtml(TABLE, '/teachers?period=7d').value;
  expect(out).not.toContain('<script>');
  expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(out).toContain('Things &lt;b&gt;bold&lt;/b&gt;');
  expect(out).toContain('href="/assignments/a&quot;b"');
  expect(out).toContain(`href="${csvHref('/teachers?period=7d', 'things').replace(/&/g, '&amp;')}"`);
  expect(csvHref('/teachers?period=7d', 'things')).toBe('/teachers?period=7d&format=csv&table=things');
  expect(out).toContain('<tfoot>');
});

test('CSV: RFC 4180 quoting, units in headers, formula cells defused, totals last', () => {
  expect(tableCsv(TABLE).split('\r\n')).toEqual([
    'Title,Cost (USD),Share (%)',
    '<script>alert(1)</script>,0.500000,25.0000',
    `"'=HYPERLINK(""http://evil.example"")",2.000000,`,
    '"Comma, ""quoted""\nnew line",-1.000000,100.0000',
    'Total,1.500000,',
    '',
  ]);
});

test('html`` escapes interpolations but not nested html``', () => {
  expect(html`<p title="${'"x"'}">${'<i>'}${html`<b>ok</b>`}${['a', '<']}</p>`.value).toBe('<p title="&quot;x&quot;">&lt;i&gt;<b>ok</b>a&lt;</p>');
});

test.each([
  [0, 1],
  [0.9, 1],
  [7, 8],
  [0.173, 0.2],
  [1234, 1250],
])('ticks for a maximum of %d reach a round %d', (max, top) => {
  const t = niceTicks(max);
  expect(t.max).toBe(top);
  expect(t.values[0]).toBe(0);
  expect(t.values.at(-1)).toBe(top);
  expect(t.values.length).toBeGreaterThanOrEqual(3);
  expect(t.values.length).toBeLessThanOrEqual(7);
});

test('charts are accessible SVG with no inline style or script, and escape their labels', () => {
  const svgs = [
    barChart({ title: 'Cost <by> model', description: 'd', categories: ['03-01', '03-02'], series: [{ name: 'm<1>', values: [1, 2] }, { name: 'm2', values: [0.5, 0] }], format: String, yLabel: 'y', xLabel: 'x' }).value,
    lineChart({ title: 'Share', description: 'd', categories: ['a', 'b', 'c'], series: [{ name: 's', values: [0.1, null, 0.3] }], format: String, yLabel: 'y', xLabel: 'x', reference: { value: 0.3, label: 'target' } }).value,
    targetChart({ title: 'Times', description: 'd', rows: [{ label: 'Rubric', p50: 20_000, p95: 70_000, targetMs: 60_000 }, { label: 'None', p50: null, p95: null, targetMs: null }], format: formatMs }).value,
  ];
  for (const svg of svgs) {
    expect(svg).toMatch(/<svg [^>]*role="img"[^>]*aria-labelledby="[^"]+"/);
    expect(svg).toMatch(/<title id="[^"]+">/);
    expect(svg).not.toMatch(/style=|<script|javascript:/i);
  }
  expect(svgs[0]).toContain('Cost &lt;by&gt; model');
  expect(svgs[0]).toContain('03-02 · m&lt;1&gt;: 2');
  // A bar of zero height is not drawn: 3 non-zero segments + 2 legend swatches.
  expect(svgs[0]!.match(/<rect /g)).toHaveLength(5);
  // The null day breaks the line: no polyline with a single point, two dots.
  expect(svgs[1]!.match(/<circle /g)).toHaveLength(2);
  expect(svgs[1]).not.toContain('<polyline');
  expect(svgs[2]).toContain('p95 1 min 10 s · over target');
  expect(svgs[2]).toContain('no runs in this period');
});
