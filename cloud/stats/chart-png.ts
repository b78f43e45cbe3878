import { PNG } from 'pngjs';
import type { ContributionGrid, Intensity } from '../../shared/rules/contribution';

/**
 * Draws the contribution grid as a PNG: one rounded-off square per day, weeks as columns, Sunday
 * on top, shaded in GitHub's greens. No text: the card prints the range and totals beside it,
 * where the sidebar can size and translate them.
 */

/** GitHub's light palette, from no activity to the busiest days. */
const PALETTE: Record<Intensity, [number, number, number]> = {
  0: [0xeb, 0xed, 0xf0],
  1: [0x9b, 0xe9, 0xa8],
  2: [0x40, 0xc4, 0x63],
  3: [0x30, 0xa1, 0x4e],
  4: [0x21, 0x6e, 0x39],
};

export interface ChartStyle {
  /** Side of a day square, px. */
  cell: number;
  /** Space between squares, px. */
  gap: number;
  /** Space around the grid, px. */
  margin: number;
}

/** Sized so the 53-week grid (≈ 640 × 90 px) stays crisp when the sidebar scales it to ~300 px. */
export const DEFAULT_CHART_STYLE: ChartStyle = { cell: 10, gap: 2, margin: 4 };

export function chartSize(weeks: number, style: ChartStyle = DEFAULT_CHART_STYLE): { width: number; height: number } {
  const pitch = style.cell + style.gap;
  return { width: weeks * pitch - style.gap + 2 * style.margin, height: 7 * pitch - style.gap + 2 * style.margin };
}

/** The grid as PNG bytes; the background is transparent so the card's own colour shows through. */
export function renderContributionPng(grid: ContributionGrid, style: ChartStyle = DEFAULT_CHART_STYLE): Buffer {
  const { width, height } = chartSize(grid.weeks.length, style);
  const png = new PNG({ width, height });
  png.data.fill(0);
  const pitch = style.cell + style.gap;
  grid.weeks.forEach((week, column) => {
    week.forEach((cell, row) => {
      fillSquare(png, style.margin + column * pitch, style.margin + row * pitch, style.cell, PALETTE[cell.level]);
    });
  });
  return PNG.sync.write(png);
}

/** A square with its four corner pixels left out: a cheap rounded look at this size. */
function fillSquare(png: PNG, x0: number, y0: number, size: number, [r, g, b]: [number, number, number]): void {
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const corner = (x === 0 || x === size - 1) && (y === 0 || y === size - 1);
      if (corner) continue;
      const i = ((y0 + y) * png.width + (x0 + x)) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  }
}

/** The colour a cell is drawn in (tests read pixels back to check shading). */
export function paletteColour(level: Intensity): [number, number, number] {
  return PALETTE[level];
}
