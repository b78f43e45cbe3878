import { PNG } from 'pngjs';

/**
 * GradeBot's logo as the add-on manifest's `logoUrl` needs it: a 128 × 128 PNG served by the pages
 * function at {@link LOGO_PATH} (Workspace shows it in the add-on bar and the Marketplace). It is
 * drawn here from the same shapes as the mark in the sidebar preview (dev/preview/page/icons.ts) —
 * a blue rounded square, three white lines, a yellow dot — so there is no binary asset to keep in
 * step with the build, and rendered once per instance.
 */

export const LOGO_PATH = '/logo-128.png';
export const LOGO_SIZE = 128;

type Rgb = [number, number, number];
const BLUE: Rgb = [0x1a, 0x73, 0xe8];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const YELLOW: Rgb = [0xfb, 0xbc, 0x04];

/** The mark on a 24-unit grid, as the SVG draws it; the topmost shape that contains a point wins. */
function colourAt(x: number, y: number): Rgb | undefined {
  if (Math.hypot(x - 17.5, y - 16.5) <= 2.5) return YELLOW;
  const line = (x0: number, y0: number, w: number) => x >= x0 && x <= x0 + w && y >= y0 && y <= y0 + 2;
  if (line(7, 7, 10) || line(7, 11, 10) || line(7, 15, 6)) return WHITE;
  // The rounded square: 24 × 24, corner radius 6.
  const cx = Math.min(Math.max(x, 6), 18);
  const cy = Math.min(Math.max(y, 6), 18);
  if (x >= 0 && x <= 24 && y >= 0 && y <= 24 && Math.hypot(x - cx, y - cy) <= 6) return BLUE;
  return undefined;
}

/** The logo's PNG bytes at `size` px, edges smoothed by 4 × 4 supersampling, transparent outside. */
export function renderLogoPng(size: number = LOGO_SIZE): Buffer {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  const unit = 24 / size;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const c = colourAt((px + (sx + 0.5) / samples) * unit, (py + (sy + 0.5) / samples) * unit);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered += 1;
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = covered ? Math.round(r / covered) : 0;
      png.data[i + 1] = covered ? Math.round(g / covered) : 0;
      png.data[i + 2] = covered ? Math.round(b / covered) : 0;
      png.data[i + 3] = Math.round((covered / (samples * samples)) * 255);
    }
  }
  return PNG.sync.write(png);
}
