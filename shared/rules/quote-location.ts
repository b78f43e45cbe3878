import { findQuoteSpans } from './evidence';

/**
 * Where an evidence quote sits in a Google Doc's structure (Docs API `documents.get` body), so
 * feedback can be pinned to the passage. The Doc's text runs are read in order into one string
 * with a map back to Docs indexes; the quote is matched the way evidence verification matches it
 * (evidence.ts: smart quotes, dashes, non-breaking spaces, line breaks, case), and the first
 * occurrence wins. Indexes are UTF-16 code units, as Docs counts them (an emoji is two).
 */

/** The parts of a Docs StructuralElement this reads. */
export interface DocsStructuralElement {
  startIndex?: number;
  endIndex?: number;
  paragraph?: { elements?: Array<{ startIndex?: number; endIndex?: number; textRun?: { content?: string } }> };
  table?: { tableRows?: Array<{ tableCells?: Array<{ content?: DocsStructuralElement[] }> }> };
}

/** A Docs Range: [startIndex, endIndex). */
export interface DocsRange {
  startIndex: number;
  endIndex: number;
}

interface FlatText {
  text: string;
  /** For each UTF-16 unit of `text`, its Docs index. */
  index: number[];
}

function flatten(content: readonly DocsStructuralElement[], out: FlatText): void {
  for (const el of content) {
    for (const pe of el.paragraph?.elements ?? []) {
      const run = pe.textRun?.content;
      if (run === undefined || pe.startIndex === undefined) continue;
      out.text += run;
      for (let k = 0; k < run.length; k++) out.index.push(pe.startIndex + k);
    }
    for (const row of el.table?.tableRows ?? []) for (const cell of row.tableCells ?? []) flatten(cell.content ?? [], out);
  }
}

/**
 * The Docs ranges of the quote's first occurrence in the body (one per segment of a quote that
 * elides with "..."), or undefined when the Doc no longer holds it (the student edited since).
 * A range never crosses a gap in the indexes (an inline object between runs): it is cut there.
 */
export function locateQuoteInDoc(quote: string, content: readonly DocsStructuralElement[]): DocsRange[] | undefined {
  const flat: FlatText = { text: '', index: [] };
  flatten(content, flat);
  const spans = findQuoteSpans(quote, flat.text);
  if (!spans) return undefined;
  const ranges: DocsRange[] = [];
  for (const s of spans) {
    let start = flat.index[s.start]!;
    for (let k = s.start + 1; k < s.end; k++) {
      if (flat.index[k] !== flat.index[k - 1]! + 1) {
        ranges.push({ startIndex: start, endIndex: flat.index[k - 1]! + 1 });
        start = flat.index[k]!;
      }
    }
    ranges.push({ startIndex: start, endIndex: flat.index[s.end - 1]! + 1 });
  }
  return ranges;
}
