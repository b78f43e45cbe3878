import { html, type SafeHtml } from '../render/html';
import { n } from './scale';

export interface TargetRow {
  label: string;
  /** Measured values in ms; null when nothing was measured. */
  p50: number | null;
  p95: number | null;
  /** The value lies beyond the histogram's last bound (it is that bound): shown as "> …". */
  p50Over?: boolean;
  p95Over?: boolean;
  targetMs: number | null;
}

export interface TargetChartSpec {
  title: string;
  description: string;
  rows: TargetRow[];
  /** A duration's text; `over`: it is a lower bound (the value lies beyond it). */
  format: (ms: number, over?: boolean) => string;
}

const W = 760;
const ROW = 46;
const M = { left: 215, right: 180, top: 34, bottom: 28 };
/** The axis runs to twice the target: a bar past it is clipped and says so. */
const SCALE_MAX = 2;

/**
 * Processing time against the PRD's targets. Each row has its own target (60 s, 90 s, 10 min),
 * so bars are drawn as a share of that row's target on one common axis — the dashed 100% line is
 * "on target" for every row — and labelled with the real durations.
 */
export function targetChart(spec: TargetChartSpec): SafeHtml {
  const H = M.top + spec.rows.length * ROW + M.bottom;
  const plotW = W - M.left - M.right;
  const x = (share: number) => M.left + (Math.min(share, SCALE_MAX) / SCALE_MAX) * plotW;
  const rows = spec.rows.map((r, i) => {
    const top = M.top + i * ROW;
    const label = html`<text x="${M.left - 8}" y="${top + 20}" text-anchor="end" class="legend">${r.label}</text>`;
    const p50 = r.p50 === null ? '' : spec.format(r.p50, r.p50Over === true);
    const p95 = r.p95 === null ? '' : spec.format(r.p95, r.p95Over === true);
    if (r.targetMs === null || r.p50 === null || r.p95 === null) {
      return html`${label}<text x="${M.left + 4}" y="${top + 20}" class="tick">${r.p50 === null ? 'no runs in this period' : `p50 ${p50} · p95 ${p95} (no target)`}</text>`;
    }
    const bar = (value: number, text: string, dy: number, cls: string, name: string) =>
      html`<rect x="${M.left}" y="${top + dy}" width="${n(Math.max(1, x(value / r.targetMs!) - M.left))}" height="14" class="${cls}"><title>${r.label} ${name}: ${text} (target ${spec.format(r.targetMs!)})</title></rect>`;
    const ok = r.p95 <= r.targetMs && r.p95Over !== true;
    return html`${label}${bar(r.p50, p50, 4, 'p50', 'p50')}${bar(r.p95, p95, 20, 'p95', 'p95')}<text x="${W - M.right + 6}" y="${top + 15}" class="tick">p50 ${p50}</text><text x="${W - M.right + 6}" y="${top + 31}" class="tick ${ok ? 'ok' : 'bad'}">p95 ${p95} · ${ok ? 'on target' : 'over target'}</text><text x="${M.left - 8}" y="${top + 36}" text-anchor="end" class="tick">target &lt; ${spec.format(r.targetMs)}</text>`;
  });
  const axis = [0, 0.5, 1, 1.5, 2].map(
    (s) => html`<line x1="${n(x(s))}" x2="${n(x(s))}" y1="${M.top - 4}" y2="${H - M.bottom}" class="${s === 1 ? 'target' : 'grid'}"/><text x="${n(x(s))}" y="${H - M.bottom + 16}" text-anchor="middle" class="tick">${s === 1 ? 'target' : `${s * 100}%`}</text>`,
  );
  const legend = html`<rect x="${M.left}" y="8" width="12" height="12" class="p50"/><text x="${M.left + 16}" y="18" class="legend">p50 (median)</text><rect x="${M.left + 140}" y="8" width="12" height="12" class="p95"/><text x="${M.left + 156}" y="18" class="legend">p95</text><text x="${M.left + 220}" y="18" class="tick">bar length = share of the target</text>`;
  return html`<figure class="chart"><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="tc-t tc-d" xmlns="http://www.w3.org/2000/svg"><title id="tc-t">${spec.title}</title><desc id="tc-d">${spec.description}</desc>${axis}${legend}${rows}</svg><figcaption>${spec.title}</figcaption></figure>`;
}
