/**
 * One pyramid build, for bench/tiles.ts, in a process of its own (as a worker process builds an
 * offline package): every tile of zooms `--zooms min,max` covering the COG, the native zoom warped
 * (bilinear) and the zooms above averaged from their children (tiler/src/pyramid.ts), PNGs written
 * as {z}/{x}/{y}.png under --out. With --threads N the subtrees render on a RenderPool of N threads,
 * started before the clock as the API and worker processes start theirs at boot (the start is
 * reported); with --threads 0 on this thread. bench/tiles.ts runs it with the worker process's Node
 * flags (PRODUCTION_NODE_FLAGS). Prints {tiles, seconds, cpuSeconds, threadStartSeconds}.
 *
 *   node --import tsx bench/tiles.pyramid.ts --cog cog.tif --zooms 15,20 --threads 2 --out /tmp/xyz
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { openTiff } from '../processing/src/index.ts';
import { memorySource } from '../processing/src/tiff/testing/memory.source.ts';
import { loadConfig } from '../api/src/config.ts';
import { RenderPool } from '../api/src/tiles/render.pool.ts';
import {
  buildPyramid,
  encodeTile,
  Tiler,
  mercatorToLonLat,
  WarpSource,
  type SubtreeResult,
  type TileAddress,
} from '../tiler/src/index.ts';
import { packageCover } from '../api/src/exports/tile.list.ts';

const { values } = parseArgs({
  options: {
    cog: { type: 'string' },
    zooms: { type: 'string' },
    threads: { type: 'string', default: '2' },
    out: { type: 'string' },
  },
});
if (!values.cog || !values.zooms || !values.out) throw new Error('--cog, --zooms and --out are needed');
const [minZoom, maxZoom] = values.zooms.split(',').map(Number) as [number, number];
const threads = Number(values.threads);
/** Each render thread's block cache bound per COG: the API's default (TILE_BLOCK_CACHE_BYTES). */
const BLOCK_CACHE_BYTES = 384 * 1024 ** 2;

const cogBytes = new Uint8Array(readFileSync(values.cog));
const source = new WarpSource(await openTiff(memorySource(cogBytes), { cacheBytes: 0 }));
// The tiles an offline package covers (api/src/exports/tile.list.ts), over the COG's footprint.
const { minX, minY, maxX, maxY } = source.bounds;
const bbox = [...mercatorToLonLat(minX, minY), ...mercatorToLonLat(maxX, maxY)] as const;
const { covers, roots } = packageCover(bbox, minZoom, maxZoom);
const query = {
  tileSize: 256,
  product: 'rgb',
  params: {},
  format: 'png',
  bands: { names: source.info.bandNames, reflectance: null },
  maxZoom,
} as const;

let subtree: (root: TileAddress) => Promise<SubtreeResult>;
let threadStartSeconds = 0;
let pool: RenderPool | null = null;
if (threads > 0) {
  pool = new RenderPool(threads, {
    storage: dirname(values.cog),
    s3: loadConfig({}).s3,
    cacheBytes: 4 * BLOCK_CACHE_BYTES,
    blockCacheBytes: BLOCK_CACHE_BYTES,
  });
  const started = performance.now();
  await pool.start();
  threadStartSeconds = (performance.now() - started) / 1000;
  const running = pool;
  subtree = (root) => running.subtree(basename(values.cog!), { ...query, root });
} else {
  const tiler = new Tiler({ blockCacheBytes: BLOCK_CACHE_BYTES });
  const open = () => Promise.resolve(memorySource(cogBytes));
  subtree = (root) => tiler.subtree('cog', open, { ...query, root });
}

const out = values.out;
rmSync(out, { recursive: true, force: true });
const t0 = performance.now();
const cpu0 = process.cpuUsage();
let tiles = 0;
const folders = new Set<string>();
await buildPyramid({
  minZoom,
  maxZoom,
  tileSize: 256,
  roots,
  covers,
  subtree,
  concurrency: Math.max(1, 2 * threads),
  encode: (rgba) => encodeTile(rgba, 256, 'png'),
  emit: async ({ tile, body }) => {
    if (!body) return;
    const folder = join(out, `${tile.z}`, `${tile.x}`);
    if (!folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      folders.add(folder);
    }
    writeFileSync(join(folder, `${tile.y}.png`), body);
    tiles++;
  },
});
const cpu = process.cpuUsage(cpu0);
const seconds = (performance.now() - t0) / 1000;
await pool?.close();
console.log(
  JSON.stringify({
    threads,
    tiles,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    threadStartSeconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
