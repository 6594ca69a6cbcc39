/**
 * The green-cover layer (DOMAIN §3) against numpy/rasterio: on a synthetic UTM ortho (make-ortho.py),
 * the threshold is Otsu's on the survey-wide ExG histogram (re-implemented here in numpy from Otsu
 * 1979: 256 bins over the index range of the overview, between-class variance maximised at a bin
 * edge), and every full-resolution pixel of cover.tif is 100 where rasterio's bands give ExG ≥ that
 * threshold, 0 where not, and masked where the ortho is transparent or ExG is undefined.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTiff, writeCog, type BandContext } from '../../processing/src/index.ts';
import { makeOrtho } from '../../processing/src/cog/testing/gdal.ts';
import { hasGdal, PYTHON, sh } from '../../processing/src/testing/gdal.ts';
import { createLocalStore } from '../../api/src/storage/local.store.ts';
import { buildCoverLayer, coverIndexOf, coverThreshold } from '../../api/src/surveys/survey.cover.ts';

let dir: string;
let threshold: number;
const BANDS: BandContext = { names: ['red', 'green', 'blue', 'alpha'], reflectance: null };

beforeAll(async () => {
  if (!hasGdal) return;
  dir = mkdtempSync(path.join(tmpdir(), 'belcheer-cover-'));
  makeOrtho(1500, path.join(dir, 'ortho.tif'), 'rgb');
  const store = createLocalStore(path.join(dir, 'store'));
  await store.putFile('ortho.tif', path.join(dir, 'ortho.tif'));
  const src = await openTiff(await store.open('ortho.tif'));
  await writeCog(src.reader(0), { path: path.join(dir, 'cog.tif') });
  await store.putFile('cog.tif', path.join(dir, 'cog.tif'));
  const cog = await openTiff(await store.open('cog.tif'));
  const index = coverIndexOf('rgb', BANDS)!;
  expect(index.definition.name).toBe('exg');
  threshold = (await coverThreshold(cog, index, BANDS))!;
  await buildCoverLayer(store, 'cover.tif', cog, index, BANDS, threshold, () => undefined);
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const CHECK = `
import sys, json
import numpy as np, rasterio
cog, cover, t = sys.argv[1], sys.argv[2], float(sys.argv[3])
def exg(d):
    r, g, b = d[0].astype(np.float64), d[1].astype(np.float64), d[2].astype(np.float64)
    s = r + g + b
    with np.errstate(divide='ignore', invalid='ignore'):
        return np.where(s == 0, np.nan, (2 * g - r - b) / s), d[3] > 0
with rasterio.open(cog) as ds:
    # Otsu on the first overview at most 2048 px wide (here: full resolution, 1500 px).
    v, valid = exg(ds.read())
    x = v[valid & np.isfinite(v)]
    lo, hi = x.min(), x.max()
    counts, edges = np.histogram(x, bins=256, range=(lo, hi))
    centres = (edges[:-1] + edges[1:]) / 2
    best, otsu = -1.0, None
    for k in range(1, 256):
        w0, w1 = counts[:k].sum(), counts[k:].sum()
        if w0 == 0 or w1 == 0: continue
        m0 = (counts[:k] * centres[:k]).sum() / w0
        m1 = (counts[k:] * centres[k:]).sum() / w1
        var = w0 * w1 * (m0 - m1) ** 2
        if var > best: best, otsu = var, edges[k]
    full = ds.read()
    v, valid = exg(full)
with rasterio.open(cover) as c:
    ours = c.read(1)
    mask = c.read_masks(1) > 0
want_mask = valid & np.isfinite(v)
want = np.where(v >= t, 100, 0)
print(json.dumps({
    "otsu": float(otsu),
    "maskMismatch": int((mask != want_mask).sum()),
    "valueMismatch": int((ours[want_mask] != want[want_mask]).sum()),
    "valid": int(want_mask.sum()),
    "greenShare": float((want[want_mask] == 100).mean()),
}))
`;

describe.skipIf(!hasGdal)('green-cover layer', () => {
  it("uses Otsu's threshold and marks exactly the pixels whose ExG reaches it", async () => {
    const out = await sh(PYTHON, [
      '-c',
      CHECK,
      path.join(dir, 'store', 'cog.tif'),
      path.join(dir, 'store', 'cover.tif'),
      String(threshold),
    ]);
    const r = JSON.parse(out) as {
      otsu: number;
      maskMismatch: number;
      valueMismatch: number;
      valid: number;
      greenShare: number;
    };
    // Our histogram is over float32 index values, numpy's over float64: the edge may move by float32 rounding.
    expect(Math.abs(threshold - r.otsu)).toBeLessThan(1e-6);
    expect(r.valid).toBeGreaterThan(1_000_000);
    expect(r.maskMismatch).toBe(0);
    // Pixels within float32 rounding of the threshold may fall either side.
    expect(r.valueMismatch).toBeLessThanOrEqual(r.valid * 1e-5);
    expect(r.greenShare).toBeGreaterThan(0.05);
    expect(r.greenShare).toBeLessThan(0.95);
  });
});
