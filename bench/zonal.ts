/**
 * Zonal statistics benchmark (SPEC §5, issue 6 acceptance 6): 1,000 pasture-unit-like polygons
 * (EPSG:4326; star-shaped, 2–20 m radius, some with holes, some multipolygons, some across the image
 * edge) on a 10000² (100 Mpx) RGBA UTM ortho from make-ortho.py. Times, in the same run and one after
 * the other: ../shared/peers/zonal-reference.py (rasterio + numpy, wall time of the process), then our
 * zonalStatsMany with the product's kernel (productValue, as POST /api/statistics runs it) asked for
 * what the peer computes (count, mean, min, max, std) in pixel-centre and in coverage-weighted mode
 * (open + all polygons, one process, the file read by ranges through a 1 GiB block cache), the same
 * with every statistic (percentiles and histogram too), then the peer's statistics on 2 threads
 * (zonalStatsThreads: this one and a worker, each opening the file; the worker's start-up included). Reports the wall-time ratios,
 * and the CPU-time ratios (the peer's getrusage vs this process's cpuUsage, all threads; steadier on a
 * shared machine). Checks the results: counts identical and mean/min/max/std to 1e-9 relative, ours
 * evaluated under the peer's rounded read window (see tests/analysis/zonal.peer.ts), and how many
 * pixels that window drops; every other run of ours equal to the first (counts, mean/std to 1e-12).
 * Prints one JSON object.
 *
 *   node --import tsx bench/zonal.ts [--n 10000] [--polygons 1000] [--expr vari] [--threads 2] [--dir /tmp/belcheer-bench]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureOrtho } from './gdal.baseline.ts';
import {
  openRaster,
  ourStats,
  peerWindows,
  randomPolygons,
  rasterGeometries,
  relClose,
  runPeerTimed,
} from '../tests/analysis/zonal.peer.ts';
import {
  productValue,
  zonalStatsMany,
  zonalStatsThreads,
  type ZonalMode,
  type ZoneStatName,
  type ZoneStats,
} from '@belcheer/processing';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    polygons: { type: 'string', default: '1000' },
    expr: { type: 'string', default: 'vari' },
    dir: { type: 'string', default: '/tmp/belcheer-bench' },
    threads: { type: 'string', default: '2' },
  },
});
const N = Number(args.n);
const THREADS = Number(args.threads);
const OPENER = new URL('../tests/analysis/zonal.file.source.ts', import.meta.url).href;
/** GDAL's default block cache is 5 % of RAM (1.15 GiB here): ours gets 1 GiB. */
const CACHE_BYTES = 1024 * 1024 * 1024;

/** The result of `f`, its wall seconds and the CPU seconds of this process (all threads) meanwhile. */
async function seconds<T>(f: () => Promise<T>): Promise<[T, number, number]> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await f();
  const cpu = process.cpuUsage(c0);
  return [r, (performance.now() - t0) / 1000, (cpu.user + cpu.system) / 1e6];
}

await mkdir(args.dir, { recursive: true });
const raster = path.join(args.dir, `ortho-${N}-rgb.tif`);
ensureOrtho(N, raster);
const all = randomPolygons(N, Number(args.polygons), 11, 2, 20);
const allPath = path.join(args.dir, `zonal-${N}-all.geojson`);
await writeFile(allPath, JSON.stringify(all));
// The peer stops at the first polygon outside the image: it gets the others.
const windows = await peerWindows(raster, allPath);
const fc = { ...all, features: all.features.filter((_, i) => windows[i] !== null) };
const inside = windows.filter((w) => w !== null);
const polygons = path.join(args.dir, `zonal-${N}.geojson`);
await writeFile(polygons, JSON.stringify(fc));

const bands = { names: ['red', 'green', 'blue', 'alpha'], reflectance: null };
const value = productValue(args.expr, bands, 4);
/** What the peer computes. */
const PEER_STATS: ZoneStatName[] = ['count', 'mean', 'min', 'max', 'std'];

const [{ stats: peer, cpuSeconds: peerCpu }, peerSeconds] = await seconds(() =>
  runPeerTimed(raster, polygons, args.expr),
);
/** Wall and CPU seconds of a run of ours, and the peer's over ours (> 1: we are faster). */
function timing(wall: number, cpu: number) {
  return {
    seconds: +wall.toFixed(2),
    cpuSeconds: +cpu.toFixed(2),
    speedup: +(peerSeconds / wall).toFixed(2),
    cpuRatio: +(peerCpu / cpu).toFixed(2),
  };
}
/** Ours on one thread: a fresh open of the file, then all polygons. */
const oneThread = (mode: ZonalMode, stats?: ZoneStatName[]) =>
  seconds(async () => {
    const source = await openRaster(raster, CACHE_BYTES);
    const geometries = rasterGeometries(fc, source.reader.info.crs.proj4);
    return zonalStatsMany(source, geometries, value, { mode, ...(stats ? { stats } : {}) });
  });
const [centre, centreSeconds, centreCpu] = await oneThread('centre', PEER_STATS);
const [coverage, coverageSeconds, coverageCpu] = await oneThread('coverage', PEER_STATS);
const [centreAll, centreAllSeconds, centreAllCpu] = await oneThread('centre');
const [coverageAll, coverageAllSeconds, coverageAllCpu] = await oneThread('coverage');
/** The same on 2 threads, this one and a worker (its start-up and the header read included). */
async function threaded(mode: ZonalMode): Promise<ZoneStats[]> {
  const { info } = (await openRaster(raster)).reader;
  return zonalStatsThreads(
    {
      opener: OPENER,
      raster,
      level: 0,
      cacheBytes: CACHE_BYTES / 2,
      product: args.expr,
      bands,
      geometries: rasterGeometries(fc, info.crs.proj4),
      options: { mode, stats: PEER_STATS },
    },
    THREADS,
    { here: true },
  );
}
const [centre2, centre2Seconds, centre2Cpu] = await seconds(() => threaded('centre'));
const [coverage2, coverage2Seconds, coverage2Cpu] = await seconds(() => threaded('coverage'));
/** Counts equal and means/std to 1e-12 relative between two runs of ours. */
const same = (a: ZoneStats[], b: ZoneStats[]) =>
  a.every((s, i) => {
    const o = b[i]!;
    return s.count === o.count && relClose(s.mean, o.mean, 1e-12) && relClose(s.std, o.std, 1e-12);
  });
const windowed = await ourStats(await openRaster(raster, CACHE_BYTES), fc, value, 'centre', inside);

const mismatches = peer.filter((p, i) => {
  const o = windowed[i]!;
  return !(
    p.count === o.count &&
    relClose(p.mean, o.mean ?? undefined, 1e-9) &&
    relClose(p.min, o.min ?? undefined, 1e-9) &&
    relClose(p.max, o.max ?? undefined, 1e-9) &&
    relClose(p.std, o.std ?? undefined, 1e-9)
  );
}).length;
const pixels = centre.reduce((a, s) => a + s.count, 0);
const dropped = pixels - windowed.reduce((a, s) => a + s.count, 0);
const areaCentre = centre.reduce((a, s) => a + s.area_ha, 0);
const areaCoverage = coverage.reduce((a, s) => a + s.area_ha, 0);

console.log(
  JSON.stringify(
    {
      raster: `${N}×${N} RGBA uint8, 512² deflate tiles`,
      expr: args.expr,
      polygons: fc.features.length,
      outsideLeftOut: all.features.length - fc.features.length,
      pixelsCounted: pixels,
      peerSeconds: +peerSeconds.toFixed(2),
      peerCpuSeconds: +peerCpu.toFixed(2),
      oursCentre: timing(centreSeconds, centreCpu),
      oursCoverage: timing(coverageSeconds, coverageCpu),
      oursCentreAllStats: timing(centreAllSeconds, centreAllCpu),
      oursCoverageAllStats: timing(coverageAllSeconds, coverageAllCpu),
      threads: THREADS,
      oursCentreThreads: timing(centre2Seconds, centre2Cpu),
      oursCoverageThreads: timing(coverage2Seconds, coverage2Cpu),
      othersSameAsOneThread: {
        allStats: same(centre, centreAll) && same(coverage, coverageAll),
        threads: same(centre, centre2) && same(coverage, coverage2),
      },
      loadAverage: loadavg().map((l) => +l.toFixed(2)),
      identical: mismatches === 0,
      mismatches,
      pixelsDroppedByPeerWindow: dropped,
      polygonsWithDroppedPixels: centre.filter((s, i) => s.count !== windowed[i]!.count).length,
      coverageAreaOverCentreArea: +(areaCoverage / areaCentre).toFixed(5),
    },
    null,
    2,
  ),
);
