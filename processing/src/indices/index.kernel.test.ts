import { describe, expect, it } from 'vitest';
import { INDEX_NAMES, INDICES, type IndexName } from './index.definitions.ts';
import { availableIndices, computeIndex, indexBands, indexDefinition } from './index.kernel.ts';

/** One pixel through the kernel, inputs given by band name. */
function one(name: IndexName, px: Record<string, number>, scale: number | null = null): number {
  const def = INDICES.get(name)!;
  const data = Float64Array.from(def.inputs.map((b) => px[b]!));
  const out = computeIndex(
    def,
    { data, stride: data.length, offsets: def.inputs.map((_, i) => i), count: 1, valid: null },
    scale === null ? null : { scale, offset: 0 },
  );
  return out[0]!;
}

// RGB pixel R = 60, G = 100, B = 40; chromatic r = 0.3, g = 0.5, b = 0.2.
const RGB = { red: 60, green: 100, blue: 40 };
// Multispectral reflectances NIR 0.5, R 0.1, RE 0.3, G 0.15.
const MS = { nir: 0.5, red: 0.1, rededge: 0.3, green: 0.15 };

describe('index formulas against hand-computed values (DOMAIN §2)', () => {
  const cases: Array<[IndexName, Record<string, number>, number]> = [
    ['vari', RGB, 40 / 120], // (100 − 60) / (100 + 60 − 40)
    ['exg', RGB, 0.5], // 2·0.5 − 0.3 − 0.2
    ['exgr', RGB, 0.58], // 0.5 − (1.4·0.3 − 0.5)
    ['gli', RGB, 100 / 300], // (200 − 60 − 40) / (200 + 60 + 40)
    ['ngrdi', RGB, 0.25], // 40 / 160
    ['tgi', RGB, 5000], // −0.5 (190·(−40) − 120·20)
    ['mgrvi', RGB, 6400 / 13600], // (10000 − 3600) / (10000 + 3600)
    ['rgbvi', RGB, 7600 / 12400], // (10000 − 2400) / (10000 + 2400)
    ['ndvi', MS, 0.4 / 0.6],
    ['ndre', MS, 0.2 / 0.8],
    ['gndvi', MS, 0.35 / 0.65],
    ['savi', MS, 0.6 / 1.1], // 1.5·0.4 / (0.6 + 0.5)
    ['osavi', MS, 0.4 / 0.76],
    ['msavi', MS, (2 - Math.sqrt(0.8)) / 2], // k = 2, radicand 4 − 8·0.4 = 0.8
  ];
  it.each(cases)('%s', (name, px, expected) => {
    expect(one(name, px)).toBeCloseTo(expected, 5);
  });

  it('covers every index of DOMAIN §2', () => {
    expect(cases.map((c) => c[0]).sort()).toEqual([...INDEX_NAMES].sort());
  });

  it('gives NaN, never Infinity or 0, for zero denominators', () => {
    expect(one('vari', { red: 10, green: 20, blue: 30 })).toBeNaN(); // G + R − B = 0
    expect(one('exg', { red: 0, green: 0, blue: 0 })).toBeNaN();
    expect(one('exgr', { red: 0, green: 0, blue: 0 })).toBeNaN();
    expect(one('gli', { red: 0, green: 0, blue: 0 })).toBeNaN();
    expect(one('ngrdi', { red: 0, green: 0 })).toBeNaN();
    expect(one('mgrvi', { red: 0, green: 0 })).toBeNaN();
    expect(one('rgbvi', { red: 0, green: 0, blue: 5 })).toBeNaN();
    expect(one('ndvi', { nir: 0, red: 0 })).toBeNaN();
    expect(one('ndre', { nir: 0, rededge: 0 })).toBeNaN();
    expect(one('gndvi', { nir: 0, green: 0 })).toBeNaN();
    expect(one('savi', { nir: -0.25, red: -0.25 })).toBeNaN();
    expect(one('osavi', { nir: -0.08, red: -0.08 })).toBeNaN();
  });

  it('msavi: a negative radicand is NaN, and a real case by hand', () => {
    // NIR = 0, R = 1: k = 1, radicand = 1 − 8·(0 − 1) = 9 → (1 − 3) / 2 = −1.
    expect(one('msavi', { nir: 0, red: 1 })).toBe(-1);
    // NIR = 1, R = 0: k = 3, radicand = 9 − 8 = 1 → (3 − 1) / 2 = 1.
    expect(one('msavi', { nir: 1, red: 0 })).toBe(1);
    // NIR = 2, R = −1: k = 5, radicand = 25 − 24 = 1 → 2; NIR = 3, R = −2: k = 7, 49 − 40 = 9 → 2.
    expect(one('msavi', { nir: 3, red: -2 })).toBe(2);
    // NIR = 1, R = −2: k = 3, radicand = 9 − 24 < 0 → NaN.
    expect(one('msavi', { nir: 1, red: -2 })).toBeNaN();
  });
});

describe('computeIndex', () => {
  it('reads pixel-interleaved uint16 with a reflectance scale, masks invalid pixels', () => {
    // Bands in file order blue, green, red, rededge, nir (a MicaSense-like order), 3 pixels.
    const data = Uint16Array.from([
      ...[500, 1500, 1000, 3000, 5000], // NIR 0.5, R 0.1 with scale 1e-4
      ...[0, 0, 0, 0, 0], // zero denominator
      ...[900, 900, 900, 900, 900], // masked
    ]);
    const def = indexDefinition('savi');
    const bands = {
      names: ['blue', 'green', 'red', 'rededge', 'nir'],
      reflectance: { scale: 1e-4, offset: 0 },
    };
    const offsets = indexBands(def, bands);
    expect(offsets).toEqual([4, 2]);
    const out = computeIndex(
      def,
      { data, stride: 5, offsets, count: 3, valid: Uint8Array.from([255, 255, 0]) },
      bands.reflectance,
    );
    expect(out[0]).toBeCloseTo(0.6 / 1.1, 6);
    // 0·scale: 1.5·0 / (0 + 0 + 0.5) = 0, a real value (not a zero denominator).
    expect(out[1]).toBe(0);
    expect(out[2]).toBeNaN();
  });

  it('applies the offset: reflectance = DN × scale + offset', () => {
    const def = indexDefinition('ndvi');
    const out = computeIndex(
      def,
      { data: Uint8Array.from([110, 30]), stride: 2, offsets: [0, 1], count: 1, valid: null },
      { scale: 0.01, offset: -0.1 },
    );
    // NIR = 1.1 − 0.1 = 1.0, R = 0.3 − 0.1 = 0.2 → 0.8 / 1.2.
    expect(out[0]).toBeCloseTo(0.8 / 1.2, 6);
  });

  it('refuses indices the bands cannot make, naming what is missing', () => {
    const rgb = { names: ['red', 'green', 'blue', 'alpha'], reflectance: null };
    expect(() => indexBands(indexDefinition('ndvi'), rgb)).toThrow(/ndvi needs the nir band/);
    const ms = { names: ['blue', 'green', 'red', 'rededge', 'nir'], reflectance: null };
    expect(() => indexBands(indexDefinition('savi'), ms)).toThrow(/not scale-invariant/);
    expect(() => indexDefinition('ndwi')).toThrow(/unknown index "ndwi"/);
  });

  it('lists the indices a survey can make', () => {
    expect(availableIndices({ names: ['red', 'green', 'blue', 'alpha'], reflectance: null })).toEqual([
      'vari',
      'exg',
      'exgr',
      'gli',
      'ngrdi',
      'tgi',
      'mgrvi',
      'rgbvi',
    ]);
    const ms = availableIndices({ names: ['blue', 'green', 'red', 'rededge', 'nir'], reflectance: null });
    expect(ms).toContain('ndvi');
    expect(ms).not.toContain('savi');
    expect(
      availableIndices({
        names: ['blue', 'green', 'red', 'rededge', 'nir'],
        reflectance: { scale: 1, offset: 0 },
      }),
    ).toContain('msavi');
  });
});
