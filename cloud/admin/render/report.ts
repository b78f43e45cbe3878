import { html, type SafeHtml } from './html';
import { type Table, tableHtml } from './table';

/** A piece of a section: a chart, a table (collapsed under "Data" when it only backs a chart), or markup. */
export type Block = { chart: SafeHtml } | { table: Table; collapsed?: boolean } | { html: SafeHtml };

export interface Section {
  id: string;
  title: string;
  note?: string;
  blocks: Block[];
}

/** What a dashboard route builds: rendered as a page, or one of its tables as CSV. */
export interface Report {
  title: string;
  /** Under the title: the period and where the numbers come from. */
  meta: string;
  /** Markup between the title and the sections (period links, key figures). */
  lead?: SafeHtml;
  sections: Section[];
}

/** Every table of a report, in page order. */
export function reportTables(r: Report): Table[] {
  return r.sections.flatMap((s) => s.blocks.flatMap((b) => ('table' in b ? [b.table] : [])));
}

function blockHtml(b: Block, pageUrl: string): SafeHtml {
  if ('chart' in b) return b.chart;
  if ('html' in b) return b.html;
  const t = tableHtml(b.table, pageUrl);
  return b.collapsed ? html`<details><summary>Data: ${b.table.title}</summary>${t}</details>` : t;
}

/** The report's main content (the layout adds header and navigation). */
export function reportHtml(r: Report, pageUrl: string): SafeHtml {
  const toc = r.sections.length > 2 ? html`<p class="note">On this page: ${r.sections.map((s, i) => html`${i ? ' · ' : ''}<a href="#${s.id}">${s.title}</a>`)}</p>` : '';
  return html`<h1>${r.title}</h1><p class="meta">${r.meta}</p>${r.lead ?? ''}${toc}${r.sections.map(
    (s) => html`<section id="${s.id}" aria-labelledby="${s.id}-h"><h2 id="${s.id}-h">${s.title}</h2>${s.note ? html`<p class="note">${s.note}</p>` : ''}${s.blocks.map((b) => blockHtml(b, pageUrl))}</section>`,
  )}`;
}
