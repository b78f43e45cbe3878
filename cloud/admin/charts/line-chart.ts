import { html, type SafeHtml } from '../render/html';
import { colorAt, labelEvery, n, niceTicks } from './scale';

export interface LineSeries {
  name: string;
  /** null: no value that day (nothing to divide), drawn as a gap. */
  values: (number | null)[];
}

export interface LineChartSpec {
  title: string;
  description: string;
  categories: string[];
  series: LineSeries[];
  format: (v: number) => string;
  yLabel: string;
  xLabel: string;
  /** A horizontal reference line (a target), labelled. */
  reference?: { value: number; label: string };
}

const W = 760;
const H = 260;
const M = { left: 64, right: 12, top: 28, bottom: 52 };

/**
 * Lines over days (rates and shares), with a point and an exact-value <title> per day, gaps where
 * a day has no value, and an optional labelled target line.
 */
export function lineChart(spec: LineChartSpec): SafeHtml {
  const { categories, series } = spec;
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const ticks = niceTicks(Math.max(0, ...all, spec.reference?.value ?? 0));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const slot = plotW / Math.max(1, categories.length);
  const x = (i: number) => M.left + i * slot + slot / 2;
  const y = (v: number) => M.top + plotH - (v / ticks.max) * plotH;
  const every = labelEvery(categories.length);
  const id = `l${Math.abs([...spec.title].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0))}`;

  const grid = ticks.values.map(
    (t) => html`<line x1="${M.left}" x2="${W - M.right}" y1="${n(y(t))}" y2="${n(y(t))}" class="grid"/><text x="${M.left - 6}" y="${n(y(t) + 4)}" text-anchor="end" class="tick">${spec.format(t)}</text>`,
  );
  const labels = categories.map((c, i) => (i % every === 0 ? html`<text x="${n(x(i))}" y="${H - M.bottom + 16}" text-anchor="middle" class="tick">${c}</text>` : ''));
  const lines = series.map((s, k) => {
    // Consecutive days with values form one polyline; a null day breaks it.
    const runs: string[][] = [[]];
    s.values.forEach((v, i) => {
      if (v === null) runs.push([]);
      else runs[runs.length - 1]!.push(`${n(x(i))},${n(y(v))}`);
    });
    // Later series are drawn thinner and smaller, so equal values show as rings, not one dot.
    const width = Math.max(1.25, 3 - k * 0.75);
    const radius = Math.max(2, 5 - k * 1.25);
    const polylines = runs.filter((r) => r.length > 1).map((r) => html`<polyline points="${r.join(' ')}" fill="none" stroke="${colorAt(k)}" stroke-width="${width}"/>`);
    const dots = s.values.map((v, i) => (v === null ? '' : html`<circle cx="${n(x(i))}" cy="${n(y(v))}" r="${radius}" fill="${colorAt(k)}"><title>${categories[i]} · ${s.name}: ${spec.format(v)}</title></circle>`));
    return html`<g>${polylines}${dots}</g>`;
  });
  const ref = spec.reference
    ? html`<line x1="${M.left}" x2="${W - M.right}" y1="${n(y(spec.reference.value))}" y2="${n(y(spec.reference.value))}" class="target"/><text x="${W - M.right}" y="${n(y(spec.reference.value) - 4)}" text-anchor="end" class="target-label">${spec.reference.label}</text>`
    : '';
  const legend = series.map((s, k) => html`<rect x="${M.left + k * 170}" y="8" width="12" height="12" fill="${colorAt(k)}"/><text x="${M.left + k * 170 + 16}" y="18" class="legend">${s.name}</text>`);

  return html`<figure class="chart"><svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d" xmlns="http://www.w3.org/2000/svg"><title id="${id}-t">${spec.title}</title><desc id="${id}-d">${spec.description}</desc>${grid}${ref}${lines}${labels}<line x1="${M.left}" x2="${W - M.right}" y1="${n(y(0))}" y2="${n(y(0))}" class="axis"/>${legend}<text x="${M.left + plotW / 2}" y="${H - 8}" text-anchor="middle" class="axis-label">${spec.xLabel}</text><text transform="translate(14 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle" class="axis-label">${spec.yLabel}</text></svg><figcaption>${spec.title}</figcaption></figure>`;
}
