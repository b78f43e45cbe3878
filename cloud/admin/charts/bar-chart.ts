import { html, type SafeHtml } from '../render/html';
import { colorAt, labelEvery, n, niceTicks } from './scale';

export interface BarSeries {
  name: string;
  values: number[];
}

export interface BarChartSpec {
  /** Accessible title, also the chart's visible heading inside the SVG. */
  title: string;
  /** One-sentence description for screen readers. */
  description: string;
  categories: string[];
  series: BarSeries[];
  /** Tick and tooltip labels. */
  format: (v: number) => string;
  yLabel: string;
  xLabel: string;
}

const W = 760;
const H = 300;
const M = { left: 64, right: 12, top: 28, bottom: 60 };

/**
 * Vertical bars, stacked when there is more than one series (cost per day by model), with a y
 * axis of round ticks, every k-th category label, a legend, and a <title> on each bar segment
 * for the exact value. Pure SVG attributes: nothing for a Content-Security-Policy to block.
 */
export function barChart(spec: BarChartSpec): SafeHtml {
  const { categories, series } = spec;
  const totals = categories.map((_, i) => series.reduce((s, x) => s + Math.max(0, x.values[i] ?? 0), 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const y = (v: number) => M.top + plotH - (v / ticks.max) * plotH;
  const slot = plotW / Math.max(1, categories.length);
  const barW = Math.max(2, slot * 0.7);
  const every = labelEvery(categories.length);
  const id = `c${Math.abs(hash(spec.title))}`;

  const grid = ticks.values.map(
    (t) => html`<line x1="${M.left}" x2="${W - M.right}" y1="${n(y(t))}" y2="${n(y(t))}" class="grid"/><text x="${M.left - 6}" y="${n(y(t) + 4)}" text-anchor="end" class="tick">${spec.format(t)}</text>`,
  );
  const bars = categories.map((cat, i) => {
    let base = 0;
    const x = M.left + i * slot + (slot - barW) / 2;
    const segs = series.map((s, k) => {
      const v = Math.max(0, s.values[i] ?? 0);
      if (v === 0) return '';
      const top = y(base + v);
      const seg = html`<rect x="${n(x)}" y="${n(top)}" width="${n(barW)}" height="${n(y(base) - top)}" fill="${colorAt(k)}"><title>${cat} · ${s.name}: ${spec.format(v)}</title></rect>`;
      base += v;
      return seg;
    });
    const cx = n(M.left + i * slot + slot / 2);
    const label = i % every === 0 ? html`<text x="${cx}" y="${H - M.bottom + 16}" text-anchor="middle" class="tick">${wrap(cat).map((line, k) => html`<tspan x="${cx}" dy="${k ? 13 : 0}">${line}</tspan>`)}</text>` : '';
    return html`<g>${segs}</g>${label}`;
  });
  const legend = series.map((s, k) => {
    const x = M.left + k * 150;
    return html`<rect x="${x}" y="8" width="12" height="12" fill="${colorAt(k)}"/><text x="${x + 16}" y="18" class="legend">${s.name}</text>`;
  });

  return html`<figure class="chart"><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg"><title id="${id}-t">${spec.title}</title><desc id="${id}-d">${spec.description}</desc>${grid}${bars}<line x1="${M.left}" x2="${W - M.right}" y1="${n(y(0))}" y2="${n(y(0))}" class="axis"/>${series.length > 1 ? legend : ''}<text x="${M.left + plotW / 2}" y="${H - 8}" text-anchor="middle" class="axis-label">${spec.xLabel}</text><text transform="translate(14 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle" class="axis-label">${spec.yLabel}</text></svg><figcaption>${spec.title}</figcaption></figure>`;
}

/** Long category labels ("Question for the student") on two lines, split at the middle-most space. */
function wrap(label: string): string[] {
  if (label.length <= 14 || !label.includes(' ')) return [label];
  const mid = label.length / 2;
  let best = -1;
  for (let i = 0; i < label.length; i++) if (label[i] === ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
  return [label.slice(0, best), label.slice(best + 1)];
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}
