/**
 * Zonal statistics against ../shared/peers/zonal-reference.py (rasterio, pixel-centre rule; issue 6,
 * acceptance 2): 1,000 random polygons in EPSG:4326 (holes, multipolygons, across the image edge,
 * outside) on a 2048² UTM RGBA ortho and a 1024² 5-band one from make-ortho.py. Identical valid counts,
 * mean/min/max/std equal to 1e-9 relative, for raw bands and the peer's indices. Also the edge rules on
 * half-pixel coordinates against rasterio's geometry_mask, coverage mode ≥ centre mode sanity, and the
 * same on 2 worker threads (zonalStatsThreads).
 * Skipped only when GDAL/rasterio are absent (CI has them).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { zonalStatsThreads, type RasterWindow, type ZonalSource } from '@belcheer/processing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MS_BANDS,
  openRaster,
  ourStats,
  peerExpression,
  peerWindows,
  PEERS,
  PYTHON,
  randomPolygons,
  rasterGeometries,
  relClose,
  RGB_BANDS,
  runPeer,
} from './zonal.peer.ts';

const hasGdal =
  spawnSync('gdalinfo', ['--version']).status === 0 &&
  spawnSync(PYTHON, ['-c', 'import rasterio, shapely']).status === 0;

interface Raster {
  readonly path: string;
  readonly source: ZonalSource;
  readonly windows: Array<RasterWindow | null>;
  readonly polygons: string;
  readonly fc: FeatureCollection;
}

let dir: string;
const rasters: Record<'rgb' | 'ms', Raster> = {} as Record<'rgb' | 'ms', Raster>;

async function prepare(kind: 'rgb' | 'ms', n: number, seed: number): Promise<Raster> {
  const file = path.join(dir, `${kind}.tif`);
  spawnSync(PYTHON, [`${PEERS}make-ortho.py`, String(n), file, '--bands', kind], { stdio: 'ignore' });
  const fc = randomPolygons(n, 1000, seed, 0.3, n * 0.05 * 0.1);
  const polygons = path.join(dir, `${kind}.geojson`);
  await writeFile(polygons, JSON.stringify(fc));
  return {
    path: file,
    source: await openRaster(file),
    windows: await peerWindows(file, polygons),
    polygons,
    fc,
  };
}

describe.skipIf(!hasGdal)('zonal statistics vs zonal-reference.py (rasterio)', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'belcheer-zonal-'));
    rasters.rgb = await prepare('rgb', 2048, 1);
    rasters.ms = await prepare('ms', 1024, 2);
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const cases: Array<['rgb' | 'ms', string, Record<string, number>]> = [
    ['rgb', 'b1', RGB_BANDS],
    ['rgb', 'vari', RGB_BANDS],
    ['rgb', 'exg', RGB_BANDS],
    ['ms', 'ndvi', MS_BANDS],
  ];
  it.each(cases)(
    '%s %s: identical counts, mean/min/max/std to 1e-9',
    async (kind, expr, names) => {
      const r = rasters[kind];
      const sent = r.fc.features.filter((_, i) => r.windows[i] !== null);
      const outside = r.fc.features.filter((_, i) => r.windows[i] === null);
      expect(sent.length).toBeGreaterThan(850);
      expect(outside.length).toBeGreaterThan(50);
      const sentPath = path.join(dir, `${kind}-${expr}-sent.geojson`);
      await writeFile(sentPath, JSON.stringify({ type: 'FeatureCollection', features: sent }));
      const value = peerExpression(expr, names);
      const [peer, ours, plain, out] = await Promise.all([
        runPeer(r.path, sentPath, expr),
        ourStats(
          r.source,
          { type: 'FeatureCollection', features: sent },
          value,
          'centre',
          r.windows.filter((w) => w !== null),
        ),
        ourStats(r.source, { type: 'FeatureCollection', features: sent }, value),
        ourStats(r.source, { type: 'FeatureCollection', features: outside }, value),
      ]);
      // Polygons the peer refuses (outside the image) have no pixel for us either.
      expect(out.every((s) => s.count === 0 && s.mean === null)).toBe(true);
      expect(peer.map((p) => p.id)).toEqual(sent.map((f) => f.id));
      const mismatches = peer.flatMap((p, i) => {
        const o = ours[i]!;
        const ok =
          p.count === o.count &&
          relClose(p.mean, o.mean ?? undefined, 1e-9) &&
          relClose(p.min, o.min ?? undefined, 1e-9) &&
          relClose(p.max, o.max ?? undefined, 1e-9) &&
          relClose(p.std, o.std ?? undefined, 1e-9);
        return ok
          ? []
          : [
              {
                id: p.id,
                peer: p,
                ours: { count: o.count, mean: o.mean, min: o.min, max: o.max, std: o.std },
              },
            ];
      });
      expect(mismatches).toEqual([]);
      expect(peer.filter((p) => p.count > 0).length).toBeGreaterThan(800);
      // What the peer's rounded read window leaves out (pixels whose centres are inside).
      const dropped = plain.reduce((a, s, i) => a + s.count - ours[i]!.count, 0);
      const affected = plain.filter((s, i) => s.count !== ours[i]!.count).length;
      expect(dropped).toBeGreaterThanOrEqual(0);
      console.info(
        `${kind} ${expr}: ${sent.length} polygons compared, ${outside.length} outside; the peer's window drops ${dropped} px in ${affected} polygons`,
      );
    },
    300_000,
  );

  it('2 worker threads (zonalStatsThreads): counts never below the peer, and where equal the same mean/min/max/std', async () => {
    const r = rasters.rgb;
    const fc = { type: 'FeatureCollection' as const, features: r.fc.features.filter((_, i) => r.windows[i]) };
    const sentPath = path.join(dir, 'rgb-threads.geojson');
    await writeFile(sentPath, JSON.stringify(fc));
    const job = {
      opener: new URL('./zonal.file.source.ts', import.meta.url).href,
      raster: r.path,
      level: 0,
      product: 'vari',
      bands: { names: ['red', 'green', 'blue', 'alpha'], reflectance: null },
      geometries: rasterGeometries(fc, r.source.reader.info.crs.proj4),
    };
    const [peer, threads, coverage] = await Promise.all([
      runPeer(r.path, sentPath, 'vari'),
      zonalStatsThreads({ ...job, options: { mode: 'centre' } }, 2),
      zonalStatsThreads({ ...job, options: { mode: 'coverage' } }, 2),
    ]);
    const same = peer.filter((p, i) => p.count === threads[i]!.count);
    expect(peer.every((p, i) => threads[i]!.count >= p.count)).toBe(true);
    expect(same.length).toBeGreaterThan(400);
    const differ = peer.filter((p, i) => {
      const o = threads[i]!;
      return (
        p.count === o.count &&
        !(
          relClose(p.mean, o.mean, 1e-9) &&
          relClose(p.min, o.min, 1e-9) &&
          relClose(p.max, o.max, 1e-9) &&
          relClose(p.std, o.std, 1e-9)
        )
      );
    });
    expect(differ).toEqual([]);
    // Coverage mode touches every pixel the centre rule counts.
    expect(coverage.every((c, i) => c.count >= threads[i]!.count)).toBe(true);
  }, 300_000);

  it('coverage mode: Σ coverage ≈ the centre count and the same means on large zones', async () => {
    const r = rasters.rgb;
    const fc = { type: 'FeatureCollection' as const, features: r.fc.features.filter((_, i) => i % 10 === 5) };
    const value = peerExpression('b2', RGB_BANDS);
    const [centre, coverage] = await Promise.all([
      ourStats(r.source, fc, value),
      ourStats(r.source, fc, value, 'coverage'),
    ]);
    coverage.forEach((c, i) => {
      const p = centre[i]!;
      expect(c.count).toBeGreaterThanOrEqual(p.count);
      if (p.count > 2000) {
        expect(Math.abs(c.area_ha - p.area_ha) / p.area_ha).toBeLessThan(0.05);
        expect(Math.abs(c.mean! - p.mean!) / p.mean!).toBeLessThan(0.01);
      }
    });
  });
});

describe.skipIf(!hasGdal)('pixel-centre edge rules vs rasterio geometry_mask', () => {
  it('matches 3,000 polygons with vertices on half pixels (centres on edges, horizontal edges on centres)', async () => {
    const script = `
import json, math, numpy as np
from rasterio.features import geometry_mask
from rasterio.transform import Affine
rng = np.random.default_rng(5)
T = Affine(1, 0, 0, 0, -1, 8)
out = []
while len(out) < 3000:
    n = int(rng.integers(3, 9))
    pts = sorted({(float(rng.integers(-2, 21)) / 2, float(rng.integers(-2, 21)) / 2) for _ in range(n)})
    if len(pts) < 3: continue
    cx = sum(p[0] for p in pts) / len(pts); cy = sum(p[1] for p in pts) / len(pts)
    pts.sort(key=lambda p: math.atan2(p[1] - cy, p[0] - cx))
    if rng.random() < 0.5: pts = pts[::-1]
    g = {"type": "Polygon", "coordinates": [pts + [pts[0]]]}
    m = (~geometry_mask([g], out_shape=(8, 8), transform=T, all_touched=False)).astype(int)
    out.append({"g": g, "m": m.ravel().tolist()})
print(json.dumps(out))`;
    const cases = JSON.parse(
      spawnSync(PYTHON, ['-c', script], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout,
    ) as Array<{
      g: { type: 'Polygon'; coordinates: number[][][] };
      m: number[];
    }>;
    const { memoryReader } = await import('../../processing/src/cog/testing/memory.reader.ts');
    const values = Uint8Array.from({ length: 64 }, (_, i) => i);
    const reader = memoryReader({ width: 8, height: 8, bands: 1, transform: [0, 1, 0, 8, 0, -1] }, values);
    const { zonalStats } = await import('@belcheer/processing');
    const bad: unknown[] = [];
    for (const c of cases) {
      const s = await zonalStats({ reader, blockWidth: 8, blockHeight: 8 }, c.g, (b) => b[0]!, {
        histogram: { bins: 64, min: 0, max: 64 },
      });
      // The histogram over 0…63 with one bin per pixel value is the mask itself.
      const got = s.histogram ? s.histogram.counts : new Array(64).fill(0);
      if (got.some((v, i) => v !== c.m[i])) bad.push(c.g.coordinates[0]);
    }
    expect(bad).toEqual([]);
    expect(cases.length).toBe(3000);
  }, 60_000);
});
