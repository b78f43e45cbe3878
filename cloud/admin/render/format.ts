/**
 * How numbers read on the page and in CSV. The CSV keeps more precision; the page rounds for the
 * eye. Formatting a CSV value with the page formatter gives exactly the page's text, which is how
 * "the export matches the page" is checked.
 */
export type CellKind = 'text' | 'int' | 'usd' | 'percent' | 'ms' | 'decimal' | 'day' | 'datetime';
/** A value past the top of what was measured: "more than `over`" (a histogram's open last bucket). */
export interface Beyond {
  over: number;
}
export type CellValue = string | number | Date | null | Beyond;

const isBeyond = (v: CellValue): v is Beyond => typeof v === 'object' && v !== null && !(v instanceof Date);

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const usd2 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usd4 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 4, maximumFractionDigits: 4 });

/** USD: four decimals under a dollar (a call costs fractions of a cent), two above. */
export function formatUsd(v: number): string {
  return Math.abs(v) < 1 && v !== 0 ? usd4.format(v) : usd2.format(v);
}

/** Short USD for labels: "$0.05", "$0.002", "$1", "$2.50". */
export function compactUsd(v: number): string {
  if (Number.isInteger(v)) return `$${v}`;
  return `$${v.toFixed(Math.max(2, Math.min(6, -Math.floor(Math.log10(Math.abs(v))) + 1))).replace(/(\.\d\d\d*?)0+$/, '$1')}`;
}

/** Durations: "850 ms", "12.3 s", "4 min 05 s". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** "> 60 min": a duration past the last bound of a histogram. */
export const formatMsAbove = (ms: number): string => `> ${formatMs(ms).replace(/ 00 s$/, '')}`;

/** A ratio as a percentage with one decimal. */
export const formatPercent = (ratio: number): string => `${(Math.round(ratio * 100_000) / 1000).toFixed(1)}%`;

/**
 * The page's text for a cell ("—" for no value, e.g. a share of nothing). Numbers are first
 * rounded exactly as the CSV writes them, so page and export can never round apart.
 */
export function formatCell(kind: CellKind, v: CellValue): string {
  if (v === null) return '—';
  if (isBeyond(v)) return kind === 'ms' ? formatMsAbove(parseCsvNumber(kind, csvCell(kind, v.over))!) : `> ${formatCell(kind, v.over)}`;
  if (v instanceof Date) return kind === 'day' ? v.toISOString().slice(0, 10) : `${v.toISOString().replace('T', ' ').slice(0, 19)} UTC`;
  if (typeof v === 'string') return v;
  const canonical = parseCsvNumber(kind, csvCell(kind, v))!;
  switch (kind) {
    case 'usd':
      return formatUsd(canonical);
    case 'percent':
      return formatPercent(canonical);
    case 'ms':
      return formatMs(canonical);
    case 'decimal':
      return canonical.toFixed(2);
    default:
      return int.format(canonical);
  }
}

/** The CSV's text for a cell: plain digits, full precision for money, percent as a number. */
export function csvCell(kind: CellKind, v: CellValue): string {
  if (v === null) return '';
  // "More than": the bound with ">" before it, so a spreadsheet cannot take it for the value itself.
  if (isBeyond(v)) return `>${csvCell(kind, v.over)}`;
  if (v instanceof Date) return kind === 'day' ? v.toISOString().slice(0, 10) : v.toISOString();
  if (typeof v === 'string') return v;
  switch (kind) {
    case 'usd':
      return v.toFixed(6);
    case 'percent':
      return (v * 100).toFixed(4);
    case 'decimal':
      return v.toFixed(3);
    default:
      return String(Math.round(v));
  }
}

/** The unit a CSV header names for a kind. */
export function csvUnit(kind: CellKind): string {
  return { usd: ' (USD)', percent: ' (%)', ms: ' (ms)' }[kind as 'usd'] ?? '';
}

/** Parses a CSV cell back to the value `csvCell` wrote (numbers only; for tests and tools). */
export function parseCsvNumber(kind: CellKind, text: string): number | null {
  if (text === '') return null;
  const n = Number(text);
  return kind === 'percent' ? n / 100 : n;
}
