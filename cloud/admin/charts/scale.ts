/**
 * Axis arithmetic shared by the charts: "nice" tick steps (1, 2, 2.5, 5 × 10^k) so gridlines land on
 * round numbers, and the palette (Okabe–Ito: distinguishable with the common colour-vision
 * deficiencies, and dark enough for white text on the swatches).
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export const colorAt = (i: number): string => PALETTE[i % PALETTE.length]!;

export interface Ticks {
  max: number;
  step: number;
  values: number[];
}

/** Ticks from 0 to a round maximum ≥ `max`, about `target` of them. */
export function niceTicks(max: number, target = 5): Ticks {
  if (!(max > 0)) return { max: 1, step: 0.25, values: [0, 0.25, 0.5, 0.75, 1] };
  const raw = max / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const top = Math.ceil(max / step - 1e-9) * step;
  const values: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) values.push(Number(v.toPrecision(12)));
  return { max: top, step, values };
}

/** Every k-th label so about `max` fit along an axis. */
export const labelEvery = (n: number, max = 10): number => Math.max(1, Math.ceil(n / max));

/** Short axis labels: "$1.2k", "$0.05", "40%". */
export function shortUsd(v: number): string {
  if (v >= 1000) return `$${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)}k`;
  if (v >= 10) return `$${v.toFixed(0)}`;
  if (v >= 1) return `$${v.toFixed(1)}`;
  if (v === 0) return '$0';
  return `$${v.toPrecision(2)}`;
}

export const shortPercent = (ratio: number): string => `${Number((ratio * 100).toPrecision(3))}%`;

export const shortInt = (v: number): string => (v >= 10_000 ? `${Number((v / 1000).toPrecision(3))}k` : String(Number(v.toPrecision(6))));

/** Numbers in SVG coordinates: short and stable. */
export const n = (v: number): string => String(Math.round(v * 10) / 10);
