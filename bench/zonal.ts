/**
 * Zonal statistics benchmark (SPEC §5, issue 6 acceptance 6): 1,000 pasture-unit-like polygons
 * (EPSG:4326; star-shaped, 2–20 m radius, some with holes, some multipolygons, some across the image
 * edge) on a 10000² (100 Mpx) RGBA UTM ortho from make-ortho.py. Times, in the same run and one after
 * the other: ../shared/peers/zonal-reference.py (rasterio + numpy, wall time of the process), our
 * zonalStats in pixel-centre mode and in coverage-weighted mode (open + all polygons, one process, the
 * file read by ranges through a 1 GiB block cache), then both modes again on 2 worker threads
 * (zonalStatsThreads, each thread opening the file; start-up included). Reports the wall-time ratios,
 * and for one thread the CPU-time ratio (the peer's getrusage vs this process's cpuUsage; steadier on a
 * shared machine). Checks the results: counts
 * identical and mean/min/max/std to 1e-9 relative, ours evaluated under the peer's rounded read window
 * (see tests/analysis/zonal.peer.ts), and how many pixels that window drops. Prints one JSON object.
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
  peerExpression,
  peerWindows,
  randomPolygons,
  rasterGeometries,
  relClose,
  RGB_BANDS,
  runPeerTimed,
} from '../tests/analysis/zonal.peer.ts';
import { zonalStatsThreads, type ZonalMode, type ZoneStats } from '@belcheer/processing';

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
const value = peerExpression(args.expr, RGB_BANDS);

const [{ stats: peer, cpuSeconds: peerCpu }, peerSeconds] = await seconds(() =>
  runPeerTimed(raster, polygons, args.expr),
);
const [centre, centreSeconds, centreCpu] = await seconds(async () =>
  ourStats(await openRaster(raster, CACHE_BYTES), fc, value),
);
const [coverage, coverageSeconds, coverageCpu] = await seconds(async () =>
  ourStats(await openRaster(raster, CACHE_BYTES), fc, value, 'coverage'),
);
/** The same on 2 threads, each opening the file (thread start-up and the main thread's header read included). */
async function threaded(mode: ZonalMode): Promise<ZoneStats[]> {
  const { info } = (await openRaster(raster)).reader;
  return zonalStatsThreads(
    {
      opener: OPENER,
      raster,
      level: 0,
      cacheBytes: CACHE_BYTES / 2,
      product: args.expr,
      bands: { names: ['red', 'green', 'blue', 'alpha'], reflectance: null },
      geometries: rasterGeometries(fc, info.crs.proj4),
      options: { mode },
    },
    THREADS,
  );
}
const [centre2, centre2Seconds] = await seconds(() => threaded('centre'));
const [coverage2, coverage2Seconds] = await seconds(() => threaded('coverage'));
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
      oursCentreSeconds: +centreSeconds.toFixed(2),
      oursCoverageSeconds: +coverageSeconds.toFixed(2),
      speedupCentre: +(peerSeconds / centreSeconds).toFixed(2),
      speedupCoverage: +(peerSeconds / coverageSeconds).toFixed(2),
      peerCpuSeconds: +peerCpu.toFixed(2),
      oursCentreCpuSeconds: +centreCpu.toFixed(2),
      oursCoverageCpuSeconds: +coverageCpu.toFixed(2),
      cpuRatioCentre: +(peerCpu / centreCpu).toFixed(2),
      cpuRatioCoverage: +(peerCpu / coverageCpu).toFixed(2),
      threads: THREADS,
      oursCentreThreadsSeconds: +centre2Seconds.toFixed(2),
      oursCoverageThreadsSeconds: +coverage2Seconds.toFixed(2),
      speedupCentreThreads: +(peerSeconds / centre2Seconds).toFixed(2),
      speedupCoverageThreads: +(peerSeconds / coverage2Seconds).toFixed(2),
      threadsSameAsOneThread: same(centre, centre2) && same(coverage, coverage2),
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
