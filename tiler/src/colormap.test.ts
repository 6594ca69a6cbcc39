import { describe, expect, it } from 'vitest';
import { colormapNamed, colourise, hexColor, lutIndex } from './colormap.ts';

function entry(name: string, i: number): string {
  const { lut } = colormapNamed(name);
  return hexColor(lut[i * 3]!, lut[i * 3 + 1]!, lut[i * 3 + 2]!);
}

describe('colormaps', () => {
  it('have the published end colours (matplotlib _cm_listed.py, ColorBrewer 11-class RdYlGn, 9-class Greens)', () => {
    expect([entry('viridis', 0), entry('viridis', 255)]).toEqual(['#440154', '#fde725']);
    expect([entry('magma', 0), entry('magma', 255)]).toEqual(['#000004', '#fcfdbf']);
    expect([entry('rdylgn', 0), entry('rdylgn', 255)]).toEqual(['#a50026', '#006837']);
    expect([entry('greens', 0), entry('greens', 255)]).toEqual(['#f7fcf5', '#00441b']);
  });

  it('refuses an unknown name with a 400 naming the known ones', () => {
    expect(() => colormapNamed('jet')).toThrow(
      /unknown colormap "jet" \(known: viridis, rdylgn, greens, magma\)/,
    );
  });

  it('maps a range linearly, clamps the ends and leaves NaN transparent', () => {
    expect([
      lutIndex(-1, 0, 1),
      lutIndex(0, 0, 1),
      lutIndex(0.5, 0, 1),
      lutIndex(1, 0, 1),
      lutIndex(7, 0, 1),
    ]).toEqual([0, 0, 128, 255, 255]);
    const rgba = colourise(Float32Array.from([-5, 0.25, Number.NaN, 5]), [-1, 1], colormapNamed('viridis'));
    expect(hexColor(rgba[0]!, rgba[1]!, rgba[2]!)).toBe('#440154');
    expect(rgba[3]).toBe(255);
    // 0.25 on [−1, 1] → 0.625 · 255 = 159.4 → entry 159.
    expect(hexColor(rgba[4]!, rgba[5]!, rgba[6]!)).toBe(entry('viridis', 159));
    expect([...rgba.subarray(8, 12)]).toEqual([0, 0, 0, 0]);
    expect(hexColor(rgba[12]!, rgba[13]!, rgba[14]!)).toBe('#fde725');
  });
});
