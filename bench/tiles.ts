/**
 * Pyramid benchmark (SPEC §5 "pyramid", issue 5 acceptance 5a): every XYZ tile of a make-ortho.py
 * RGBA ortho, built by @belcheer/tiler's pyramid (the native zoom warped with bilinear, each zoom
 * above averaged from its children, as gdal2tiles does with `-r average`; PNG written to disk) against
 * `gdal2tiles.py --processes=2` (../shared/peers/cog-baseline.sh) on the same COG, over the same zoom
 * range, in the same run. Ours builds it the way the offline-package job does, in a fresh process each
 * run (bench/tiles.pyramid.ts, --runs times, the median reported): subtrees on the API's render
 * threads (`RenderPool`, --threads, default one per core, as gdal2tiles gets 2 processes), started
 * beforehand as the API and worker processes start theirs at boot; then on the process's one thread.
 * Also times PNG encoders on one tile. Prints one JSON object.
 *
 *   node --import tsx bench/tiles.ts [--size 4096] [--threads 2] [--runs 3] [--dir /tmp/x]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { openTiff, writeCog } from '../processing/src/index.ts';
import { memorySource } from '../processing/src/tiff/testing/memory.source.ts';
import { PRODUCTION_NODE_FLAGS } from '../tests/support/child.server.ts';
import { encodeTile, renderRgba, rgbProduct, tilesCovering, WarpSource } from '../tiler/src/index.ts';

/** What bench/tiles.pyramid.ts prints. */
interface PyramidRun {
  readonly threads: number;
  readonly tiles: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly threadStartSeconds: number;
  readonly peakRssMiB: number;
}

const PEERS = fileURLToPath(new URL('../../shared/peers/', import.meta.url));
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '4096' },
    threads: { type: 'string', default: String(availableParallelism()) },
    dir: { type: 'string', default: join(tmpdir(), 'belcheer-bench-tiles') },
    runs: { type: 'string', default: '3' },
  },
});
const size = Number(values.size);
const threads = Number(values.threads);
const runs = Number(values.runs);
const dir = values.dir;
mkdirSync(dir, { recursive: true });

const ortho = join(dir, `ortho-${size}.tif`);
const cogPath = join(dir, `cog-${size}.tif`);
const made = spawnSync('/usr/bin/python3', [
  join(PEERS, 'make-ortho.py'),
  `${size}`,
  ortho,
  '--bands',
  'rgb',
]);
if (made.status !== 0) throw new Error(made.stderr.toString());
const input = await openTiff(memorySource(new Uint8Array(readFileSync(ortho))));
await writeCog(input.reader(0), { path: cogPath });

// GDAL first: its zoom range is the one we render.
const baseline = spawnSync(join(PEERS, 'cog-baseline.sh'), [cogPath, join(dir, 'gdal')], {
  maxBuffer: 1 << 24,
});
if (baseline.status !== 0) throw new Error(baseline.stderr.toString());
const gdal = JSON.parse(baseline.stdout.toString()) as {
  gdal2tiles_2_processes: { seconds: number; peak_kb: number };
  gdal2tiles_tiles: number;
  gdal2tiles_zooms: string;
  gdal_version: string;
};
const zooms = gdal.gdal2tiles_zooms
  .trim()
  .split(/\s+/)
  .filter((z) => /^\d+$/.test(z))
  .map(Number);

const source = new WarpSource(await openTiff(memorySource(new Uint8Array(readFileSync(cogPath)))));
const maxZoom = zooms[zooms.length - 1]!;
const candidates = zooms.reduce((n, z) => {
  const r = tilesCovering(source.bounds, z);
  return n + (r.maxX - r.minX + 1) * (r.maxY - r.minY + 1);
}, 0);

/**
 * One pyramid in a fresh process with the worker process's Node flags (as it builds a package);
 * --threads 0 on its main thread.
 */
function pyramidRun(threadCount: number): PyramidRun {
  const run = spawnSync(
    process.execPath,
    [
      ...PRODUCTION_NODE_FLAGS,
      fileURLToPath(new URL('./tiles.pyramid.ts', import.meta.url)),
      '--cog',
      cogPath,
      '--zooms',
      `${zooms[0]},${maxZoom}`,
      '--threads',
      `${threadCount}`,
      '--out',
      join(dir, threadCount > 0 ? 'ours' : 'ours-1'),
    ],
    { maxBuffer: 1 << 20 },
  );
  if (run.status !== 0) throw new Error(run.stderr.toString());
  return JSON.parse(run.stdout.toString()) as PyramidRun;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** gdal2tiles again, exactly as cog-baseline.sh runs it: seconds. */
function gdal2tilesRun(): number {
  const out = join(dir, 'gdal', 'xyz');
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const run = spawnSync('gdal2tiles.py', ['-q', '--xyz', '--processes=2', '-r', 'average', cogPath, out]);
  if (run.status !== 0) throw new Error(run.stderr.toString());
  return (performance.now() - t0) / 1000;
}
// This machine's speed drifts by a quarter within minutes: each run of ours is paired with a run of
// gdal2tiles just before it (the first is cog-baseline.sh's), and the ratio is the pairs' median.
const gdalSeconds: number[] = [];
const pooledRuns: PyramidRun[] = [];
const singleRuns: PyramidRun[] = [];
for (let i = 0; i < runs; i++) {
  gdalSeconds.push(i === 0 ? gdal.gdal2tiles_2_processes.seconds : gdal2tilesRun());
  pooledRuns.push(pyramidRun(threads));
  singleRuns.push(pyramidRun(0));
}

// Encoders on one full tile of the native zoom.
const native = tilesCovering(source.bounds, maxZoom);
const mid = { z: maxZoom, x: (native.minX + native.maxX) >> 1, y: (native.minY + native.maxY) >> 1 };
const { rgba } = await renderRgba(source, {
  tile: mid,
  tileSize: 256,
  product: rgbProduct,
  params: {},
  defaultRange: [0, 255],
  bands: { names: source.info.bandNames, reflectance: null },
});
const encoders: Record<string, { ms: number; bytes: number }> = {};
if (rgba) {
  const time = async (name: string, f: () => Promise<Buffer>) => {
    let bytes = 0;
    const s = performance.now();
    for (let i = 0; i < 50; i++) bytes = (await f()).length;
    encoders[name] = { ms: (performance.now() - s) / 50, bytes };
  };
  const raw = { raw: { width: 256, height: 256, channels: 4 as const } };
  for (const level of [1, 6, 9])
    await time(`png_z${level}`, () =>
      sharp(rgba, raw).png({ compressionLevel: level, adaptiveFiltering: false }).toBuffer(),
    );
  await time('png_ours', () => encodeTile(rgba, 256, 'png'));
  await time('webp_ours', () => encodeTile(rgba, 256, 'webp'));
}

// The render threads start with the process (main.ts, worker.main.ts), before any package job: their
// start (~1 s: tsx compiles the modules again in each thread) is reported, not counted.
const rate = (r: PyramidRun) => r.tiles / r.seconds;
const theirRates = gdalSeconds.map((seconds) => gdal.gdal2tiles_tiles / seconds);
const ratios = pooledRuns.map((r, i) => rate(r) / theirRates[i]!);
const ratiosOneThread = singleRuns.map((r, i) => rate(r) / theirRates[i]!);
console.log(
  JSON.stringify(
    {
      input: { size, zooms, cpus: availableParallelism(), gdal: gdal.gdal_version },
      ours: { threads, candidates, medianTilesPerSecond: median(pooledRuns.map(rate)), runs: pooledRuns },
      oursOneThread: { medianTilesPerSecond: median(singleRuns.map(rate)), runs: singleRuns },
      gdal2tiles: {
        tiles: gdal.gdal2tiles_tiles,
        seconds: gdalSeconds,
        medianTilesPerSecond: median(theirRates),
        peakKb: gdal.gdal2tiles_2_processes.peak_kb,
      },
      ratios,
      ratio: median(ratios),
      ratiosOneThread,
      ratioOneThread: median(ratiosOneThread),
      encoders,
    },
    null,
    1,
  ),
);
