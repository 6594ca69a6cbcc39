/**
 * Pyramid benchmark (SPEC §5 "pyramid", issue 5 acceptance 5a): every XYZ tile of a make-ortho.py
 * RGBA ortho, built by @belcheer/tiler's pyramid (the native zoom warped with bilinear, each zoom
 * above averaged from its children, as gdal2tiles does with `-r average`; PNG written to disk) against
 * `gdal2tiles.py --processes=2` (../shared/peers/cog-baseline.sh) on the same COG, over the same zoom
 * range, in the same run. Ours builds it the way the offline-package job does: subtrees on the API's
 * render threads (`RenderPool`, --threads, default one per core, as gdal2tiles gets 2 processes),
 * started beforehand as the API and worker processes start theirs at boot; then again on the one main thread (sharp still encodes on libuv's threads).
 * Also times PNG compression levels and WebP on one tile. Prints one JSON object.
 *
 *   node --import tsx bench/tiles.ts [--size 4096] [--threads 2] [--dir /tmp/x]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { openTiff, writeCog } from '../processing/src/index.ts';
import { memorySource } from '../processing/src/tiff/testing/memory.source.ts';
import { loadConfig } from '../api/src/config.ts';
import { RenderPool } from '../api/src/tiles/render.pool.ts';
import {
  buildPyramid,
  encodeTile,
  renderRgba,
  rgbProduct,
  Tiler,
  tilesCovering,
  WarpSource,
  type SubtreeQuery,
  type SubtreeResult,
  type TileAddress,
} from '../tiler/src/index.ts';

const PEERS = fileURLToPath(new URL('../../shared/peers/', import.meta.url));
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '4096' },
    threads: { type: 'string', default: String(availableParallelism()) },
    dir: { type: 'string', default: join(tmpdir(), 'belcheer-bench-tiles') },
  },
});
const size = Number(values.size);
const threads = Number(values.threads);
/** Each render thread's block cache bound per COG: the API's default (TILE_BLOCK_CACHE_BYTES). */
const BLOCK_CACHE_BYTES = 384 * 1024 ** 2;
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

const cogBytes = new Uint8Array(readFileSync(cogPath));
const source = new WarpSource(await openTiff(memorySource(cogBytes)));
const minZoom = zooms[0]!;
const maxZoom = zooms[zooms.length - 1]!;
const ranges = new Map(zooms.map((z) => [z, tilesCovering(source.bounds, z)]));
const covers = ({ z, x, y }: TileAddress) => {
  const r = ranges.get(z);
  return r !== undefined && x >= r.minX && x <= r.maxX && y >= r.minY && y <= r.maxY;
};
const top = ranges.get(minZoom)!;
const roots: TileAddress[] = [];
for (let y = top.minY; y <= top.maxY; y++)
  for (let x = top.minX; x <= top.maxX; x++) roots.push({ z: minZoom, x, y });
const candidates = zooms.reduce((n, z) => {
  const r = ranges.get(z)!;
  return n + (r.maxX - r.minX + 1) * (r.maxY - r.minY + 1);
}, 0);

const query = {
  tileSize: 256,
  product: 'rgb',
  params: {},
  format: 'png',
  bands: { names: source.info.bandNames, reflectance: null },
  maxZoom,
} as const;

/** Builds the pyramid with `subtree` rendering each subtree, PNGs written as {z}/{x}/{y}.png. */
async function pyramid(
  out: string,
  subtree: (root: TileAddress) => Promise<SubtreeResult>,
  concurrency: number,
): Promise<{ tiles: number; seconds: number; cpuSeconds: number }> {
  rmSync(out, { recursive: true, force: true });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let written = 0;
  const folders = new Set<string>();
  await buildPyramid({
    minZoom,
    maxZoom,
    tileSize: 256,
    roots,
    covers,
    subtree,
    concurrency,
    encode: (rgba) => encodeTile(rgba, 256, 'png'),
    emit: async ({ tile, body }) => {
      if (!body) return;
      const folder = join(out, `${tile.z}`, `${tile.x}`);
      if (!folders.has(folder)) {
        await mkdir(folder, { recursive: true });
        folders.add(folder);
      }
      writeFileSync(join(folder, `${tile.y}.png`), body);
      written++;
    },
  });
  const cpu = process.cpuUsage(cpu0);
  return {
    tiles: written,
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

// As the offline-package job builds it: subtrees on the API's render threads (one per core).
const pool = new RenderPool(threads, {
  storage: dir,
  s3: loadConfig({}).s3,
  cacheBytes: 4 * BLOCK_CACHE_BYTES,
  blockCacheBytes: BLOCK_CACHE_BYTES,
});
const started = performance.now();
await pool.start();
const threadStartSeconds = (performance.now() - started) / 1000;
const subtreeOf = (root: TileAddress): SubtreeQuery => ({ ...query, root });
const pooled = await pyramid(
  join(dir, 'ours'),
  (root) => pool.subtree(basename(cogPath), subtreeOf(root)),
  2 * threads,
);
await pool.close();
// On this one thread (sharp still encodes on libuv's threads).
const tiler = new Tiler({ blockCacheBytes: BLOCK_CACHE_BYTES });
const open = () => Promise.resolve(memorySource(cogBytes));
const single = await pyramid(join(dir, 'ours-1'), (root) => tiler.subtree('cog', open, subtreeOf(root)), 1);

// Encoders on one full tile of the native zoom.
const native = ranges.get(maxZoom)!;
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
const ours = pooled.tiles / pooled.seconds;
const theirs = gdal.gdal2tiles_tiles / gdal.gdal2tiles_2_processes.seconds;
console.log(
  JSON.stringify(
    {
      input: { size, zooms, cpus: availableParallelism(), gdal: gdal.gdal_version },
      ours: {
        tiles: pooled.tiles,
        candidates,
        seconds: pooled.seconds,
        cpuSeconds: pooled.cpuSeconds,
        tilesPerSecond: ours,
        tilesPerSecondWithThreadStart: pooled.tiles / (threadStartSeconds + pooled.seconds),
        threads,
        threadStartSeconds,
        peakRssMiB: process.resourceUsage().maxRSS / 1024,
      },
      oursOneThread: { ...single, tilesPerSecond: single.tiles / single.seconds },
      gdal2tiles: {
        tiles: gdal.gdal2tiles_tiles,
        seconds: gdal.gdal2tiles_2_processes.seconds,
        tilesPerSecond: theirs,
        peakKb: gdal.gdal2tiles_2_processes.peak_kb,
      },
      ratio: ours / theirs,
      ratioOneThread: single.tiles / single.seconds / theirs,
      encoders,
    },
    null,
    1,
  ),
);
