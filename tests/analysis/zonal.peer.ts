/**
 * Shared by the zonal reference test and bench/zonal.ts: random pasture-like polygons in EPSG:4326 over
 * a make-ortho.py raster (star-shaped rings, some with a hole, some multipolygons, some crossing the
 * image edge, some outside), the peer's expressions written again here as the independent formula,
 * ../shared/peers/zonal-reference.py and the read windows it uses, and our side run the same way.
 * The peer reads only a window rounded from the polygon's bounds (floor(offset + 0.001),
 * floor(length + 0.5)), which can drop an edge row or column whose centres are inside: our side is
 * compared under that same window (pixels outside it masked), and the pixels it drops are counted apart.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import {
  levelSource,
  openTiff,
  reprojectGeometry,
  WGS84_PROJ4,
  zonalStats,
  zonalStatsMany,
  type PixelValue,
  type RasterWindow,
  type ZonalMode,
  type ZonalSource,
  type ZoneStats,
} from '@belcheer/processing';
import { random } from '../../processing/src/stats/testing/random.ts';
import { openByteSource } from './zonal.file.source.ts';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export const PYTHON = '/usr/bin/python3';
export const PEERS = fileURLToPath(new URL('../../../shared/peers/', import.meta.url));
const WINDOWS = fileURLToPath(new URL('./reference.windows.py', import.meta.url));
const exec = promisify(execFile);

/** make-ortho.py's georeferencing: EPSG:32648, upper-left (512345, 5480000), 5 cm. */
export const ORTHO = { epsg: 32648, x0: 512345, y0: 5480000, gsd: 0.05 } as const;
const UTM = '+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs';

/** A star-shaped ring around (cx, cy), radii in [rMin, rMax], k vertices at jittered even angles. */
function star(rnd: () => number, cx: number, cy: number, rMin: number, rMax: number, k: number): Position[] {
  const ring: Position[] = [];
  const phase = rnd() * 2 * Math.PI;
  for (let i = 0; i < k; i++) {
    const angle = phase + ((i + 0.8 * (rnd() - 0.5)) * 2 * Math.PI) / k;
    const r = rMin + rnd() * (rMax - rMin);
    ring.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
  }
  ring.push(ring[0]!);
  return ring;
}

/**
 * `count` polygons over an n×n make-ortho raster, in EPSG:4326, ids 0…count−1: 10 % outside, 20 %
 * across an edge, 10 % with a hole, 10 % multipolygons; radii from `minR` to `maxR` metres.
 */
export function randomPolygons(n: number, count: number, seed = 1, minR = 0.5, maxR = 20): FeatureCollection {
  const rnd = random(seed);
  const size = n * ORTHO.gsd;
  const toLonLat = proj4(UTM, WGS84_PROJ4);
  const features: Feature<Polygon | MultiPolygon>[] = [];
  for (let id = 0; id < count; id++) {
    const kind = id % 10;
    const r = minR + rnd() * (maxR - minR);
    let cx = ORTHO.x0 + rnd() * size;
    let cy = ORTHO.y0 - rnd() * size;
    if (kind === 0) cx = ORTHO.x0 - r - 1 - rnd() * 50;
    if (kind === 1) cx = ORTHO.x0 + size + (rnd() - 0.5) * r;
    if (kind === 2) cy = ORTHO.y0 + (rnd() - 0.5) * r;
    const k = 6 + Math.floor(rnd() * 20);
    const outer = star(rnd, cx, cy, 0.6 * r, r, k);
    const rings: Position[][][] = [[outer]];
    if (kind === 3) rings[0]!.push(star(rnd, cx, cy, 0.1 * r, 0.25 * r, 6 + Math.floor(rnd() * 6)));
    if (kind === 4) rings.push([star(rnd, cx + 2.5 * r, cy, 0.6 * r, r, k)]);
    const lonLat = rings.map((p) => p.map((ring) => ring.map((q) => toLonLat.forward([q[0]!, q[1]!]))));
    const geometry: Polygon | MultiPolygon =
      lonLat.length === 1
        ? { type: 'Polygon', coordinates: lonLat[0]! }
        : { type: 'MultiPolygon', coordinates: lonLat };
    features.push({ type: 'Feature', id, properties: { id }, geometry });
  }
  return { type: 'FeatureCollection', features };
}

type Bands = Float64Array;
/** The peer's expressions (zonal-reference.py `index`), in the same operation order. */
export function peerExpression(expr: string, names: Record<string, number>): PixelValue {
  const band = /^b(\d+)$/.exec(expr);
  if (band) {
    const i = Number(band[1]) - 1;
    return (b: Bands) => b[i]!;
  }
  const [r, g, bl, nir] = ['red', 'green', 'blue', 'nir'].map((k) => (names[k] ?? 0) - 1) as [
    number,
    number,
    number,
    number,
  ];
  const f: Record<string, PixelValue> = {
    vari: (b) => (b[g]! - b[r]!) / (b[g]! + b[r]! - b[bl]!),
    ngrdi: (b) => (b[g]! - b[r]!) / (b[g]! + b[r]!),
    gli: (b) => (2 * b[g]! - b[r]! - b[bl]!) / (2 * b[g]! + b[r]! + b[bl]!),
    exg: (b) => {
      const s = b[r]! + b[g]! + b[bl]!;
      return (2 * b[g]!) / s - b[r]! / s - b[bl]! / s;
    },
    ndvi: (b) => (b[nir]! - b[r]!) / (b[nir]! + b[r]!),
  };
  const fn = f[expr];
  if (!fn) throw new Error(`unknown expr ${expr}`);
  return fn;
}

export const RGB_BANDS = { red: 1, green: 2, blue: 3 };
export const MS_BANDS = { blue: 1, green: 2, red: 3, rededge: 4, nir: 5 };

export interface PeerStats {
  readonly id: number;
  readonly count: number;
  readonly mean?: number;
  readonly min?: number;
  readonly max?: number;
  readonly std?: number;
}

/** Runs a Python script as __main__ with `args`, then prints its process's CPU seconds (all threads) to stderr. */
const WITH_CPU = `import resource, runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    r = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write("cpu %.6f\\n" % (r.ru_utime + r.ru_stime))`;

/** zonal-reference.py's output, one object per feature of `polygonsPath`, and the CPU seconds it used. */
export async function runPeerTimed(
  raster: string,
  polygonsPath: string,
  expr: string,
): Promise<{ stats: PeerStats[]; cpuSeconds: number }> {
  const { stdout, stderr } = await exec(
    PYTHON,
    ['-c', WITH_CPU, `${PEERS}zonal-reference.py`, raster, polygonsPath, '--expr', expr],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  const stats = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as PeerStats);
  return { stats, cpuSeconds: Number(/cpu ([\d.]+)/.exec(stderr)?.[1]) };
}

/** zonal-reference.py's output, one object per feature of `polygonsPath`. */
export async function runPeer(raster: string, polygonsPath: string, expr: string): Promise<PeerStats[]> {
  return (await runPeerTimed(raster, polygonsPath, expr)).stats;
}

/** The read window the peer uses per feature, or null where it stops (no intersection). */
export async function peerWindows(raster: string, polygonsPath: string): Promise<Array<RasterWindow | null>> {
  const { stdout } = await exec(PYTHON, [WINDOWS, raster, polygonsPath], { maxBuffer: 64 * 1024 * 1024 });
  return (JSON.parse(stdout) as Array<[number, number, number, number] | null>).map((w) =>
    w ? { x: w[0], y: w[1], width: w[2], height: w[3] } : null,
  );
}

/** A source whose pixels outside `window` read as masked (the peer never sees them). */
export function withinWindow(source: ZonalSource, window: RasterWindow): ZonalSource {
  const { reader } = source;
  return {
    ...source,
    reader: {
      info: reader.info,
      async readWindow(w) {
        const block = await reader.readWindow(w);
        const mask = block.mask ? Uint8Array.from(block.mask) : new Uint8Array(w.width * w.height).fill(255);
        for (let r = 0; r < w.height; r++) {
          for (let c = 0; c < w.width; c++) {
            const x = w.x + c;
            const y = w.y + r;
            if (x < window.x || x >= window.x + window.width || y < window.y || y >= window.y + window.height)
              mask[r * w.width + c] = 0;
          }
        }
        return { ...block, mask };
      },
    },
  };
}

/** Opens a GeoTIFF file (read by ranges, like any ByteSource) as a zonal source of its full resolution. */
export async function openRaster(path: string, cacheBytes?: number): Promise<ZonalSource> {
  return levelSource(await openTiff(await openByteSource(path), { cacheBytes }), 0);
}

/** The features' polygons in the raster's CRS `proj4`, reprojected point by point (as rasterio's transform_geom). */
export function rasterGeometries(fc: FeatureCollection, proj4: string): Array<Polygon | MultiPolygon> {
  return fc.features.map((f) =>
    reprojectGeometry(f.geometry as Polygon | MultiPolygon, WGS84_PROJ4, proj4, { maxSegmentLength: 0 }),
  );
}

/** Our statistics of every feature: reprojected point by point (as rasterio's transform_geom). */
export async function ourStats(
  source: ZonalSource,
  fc: FeatureCollection,
  value: PixelValue,
  mode: ZonalMode = 'centre',
  windows?: ReadonlyArray<RasterWindow | null>,
): Promise<ZoneStats[]> {
  const geometries = rasterGeometries(fc, source.reader.info.crs.proj4);
  if (!windows) return zonalStatsMany(source, geometries, value, { mode });
  const out: ZoneStats[] = [];
  for (const [i, g] of geometries.entries()) {
    const w = windows[i];
    out.push(await zonalStats(w ? withinWindow(source, w) : source, g, value, { mode }));
  }
  return out;
}

/** |a − b| ≤ tol·max(|a|, |b|), true for two nulls/undefined. */
export function relClose(a: number | null | undefined, b: number | null | undefined, tol: number): boolean {
  if (a == null || b == null) return a == null && b == null;
  return Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b)) + 1e-300;
}
