import { type CellKind, type CellValue, csvCell, csvUnit, formatCell } from './format';
import { html, type SafeHtml } from './html';

/** A column of a dashboard table: what it holds and how it reads. */
export interface Column {
  label: string;
  kind: CellKind;
}

export interface Row {
  cells: CellValue[];
  /** A link per column (drill-down); undefined where the cell is plain. */
  links?: (string | undefined)[];
}

/**
 * One table of the dashboard. The page and its CSV export render the same object, so the CSV's
 * rows and totals are the page's by construction.
 */
export interface Table {
  /** Stable id: the `table` query parameter of its CSV export, and the HTML element id. */
  id: string;
  title: string;
  columns: Column[];
  rows: Row[];
  /** The totals row, if the table has one. */
  total?: Row;
  /** What to say when there are no rows. */
  empty?: string;
}

/** The URL of a table's CSV: the page's own URL with `format=csv&table=<id>`. */
export function csvHref(pageUrl: string, tableId: string): string {
  const u = new URL(pageUrl, 'http://x');
  u.searchParams.set('format', 'csv');
  u.searchParams.set('table', tableId);
  return `${u.pathname}${u.search}`;
}

function cellHtml(col: Column, value: CellValue, link: string | undefined, header: boolean): SafeHtml {
  const text = formatCell(col.kind, value);
  const cls = col.kind === 'text' ? '' : col.kind === 'day' || col.kind === 'datetime' ? 'nowrap' : 'num';
  const inner = link ? html`<a href="${link}">${text}</a>` : text;
  return header ? html`<th scope="row" class="${cls}">${inner}</th>` : html`<td class="${cls}">${inner}</td>`;
}

function rowHtml(t: Table, r: Row): SafeHtml {
  return html`<tr>${t.columns.map((c, i) => cellHtml(c, r.cells[i] ?? null, r.links?.[i], i === 0))}</tr>`;
}

/** The table as HTML, with a caption and its CSV link. Header labels sit in a span that wraps at a set width. */
export function tableHtml(t: Table, pageUrl: string): SafeHtml {
  const head = html`<thead><tr>${t.columns.map((c) => html`<th scope="col" class="${c.kind === 'text' || c.kind === 'day' || c.kind === 'datetime' ? '' : 'num'}"><span>${c.label}</span></th>`)}</tr></thead>`;
  const body = t.rows.length
    ? html`<tbody>${t.rows.map((r) => rowHtml(t, r))}</tbody>`
    : html`<tbody><tr><td colspan="${t.columns.length}" class="empty">${t.empty ?? 'No data for this period.'}</td></tr></tbody>`;
  const foot = t.total ? html`<tfoot>${rowHtml(t, t.total)}</tfoot>` : '';
  return html`<div class="table-wrap"><table id="${t.id}" data-table="${t.id}"><caption>${t.title} <a class="csv" href="${csvHref(pageUrl, t.id)}" download>Download CSV</a></caption>${head}${body}${foot}</table></div>`;
}

const CSV_INJECTION = /^[=+\-@\t\r]/;

function csvField(text: string, kind: CellKind): string {
  // A spreadsheet runs a cell that starts with "=" etc.: text cells (titles, emails) get a quote.
  const safe = kind === 'text' && CSV_INJECTION.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The table as CSV (RFC 4180, CRLF), header first, totals row last with "Total" in the first column. */
export function tableCsv(t: Table): string {
  const lines = [t.columns.map((c) => csvField(c.label + csvUnit(c.kind), 'text'))];
  for (const r of [...t.rows, ...(t.total ? [t.total] : [])]) lines.push(t.columns.map((c, i) => csvField(csvCell(c.kind, r.cells[i] ?? null), c.kind)));
  return `${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}
