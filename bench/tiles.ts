/**
 * Pyramid benchmark (SPEC §5 "pyramid", issue 5 acceptance 5a): every XYZ tile of a make-ortho.py
 * RGBA ortho, rendered by @belcheer/tiler (bilinear, PNG written to disk) against
 * `gdal2tiles.py --processes=2` (../shared/peers/cog-baseline.sh) on the same COG, over the same zoom
 * range, in the same run. Ours runs in one Node process (sharp encodes on libuv's threads; tiles are
 * rendered --concurrency at a time). Also times PNG compression levels and WebP on one tile.
 * Prints one JSON object.
 *
 *   node --import tsx bench/tiles.ts [--size 4096] [--concurrency 8] [--dir /tmp/x]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { openTiff, writeCog } from '../processing/src/index.ts';
import { memorySource } from '../processing/src/tiff/testing/memory.source.ts';
import {
  encodeTile,
  renderRgba,
  rgbProduct,
  tilesCovering,
  WarpSource,
  type TileAddress,
} from '../tiler/src/index.ts';

const PEERS = fileURLToPath(new URL('../../shared/peers/', import.meta.url));
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '4096' },
    concurrency: { type: 'string', default: '8' },
    dir: { type: 'string', default: join(tmpdir(), 'belcheer-bench-tiles') },
  },
});
const size = Number(values.size);
const concurrency = Number(values.concurrency);
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
const tiles: TileAddress[] = [];
for (const z of zooms) {
  const r = tilesCovering(source.bounds, z);
  for (let y = r.minY; y <= r.maxY; y++) for (let x = r.minX; x <= r.maxX; x++) tiles.push({ z, x, y });
}

const out = join(dir, 'ours');
rmSync(out, { recursive: true, force: true });
const t0 = performance.now();
let written = 0;
let next = 0;
const made2 = new Set<string>();
async function worker(): Promise<void> {
  while (next < tiles.length) {
    const tile = tiles[next++]!;
    const { rgba } = await renderRgba(source, {
      tile,
      tileSize: 256,
      product: rgbProduct,
      params: {},
      defaultRange: [0, 255],
      bands: { names: source.info.bandNames, reflectance: null },
    });
    if (!rgba) continue;
    const png = await encodeTile(rgba, 256, 'png');
    const folder = join(out, `${tile.z}`, `${tile.x}`);
    if (!made2.has(folder)) {
      await mkdir(folder, { recursive: true });
      made2.add(folder);
    }
    writeFileSync(join(folder, `${tile.y}.png`), png);
    written++;
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const oursSeconds = (performance.now() - t0) / 1000;

// Encoders on one full tile of the native zoom.
const mid = tiles.filter((t) => t.z === zooms[zooms.length - 1])[Math.floor(tiles.length / 8)] ?? tiles[0]!;
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

const ours = written / oursSeconds;
const theirs = gdal.gdal2tiles_tiles / gdal.gdal2tiles_2_processes.seconds;
console.log(
  JSON.stringify(
    {
      input: { size, zooms, cpus: availableParallelism(), gdal: gdal.gdal_version },
      ours: {
        tiles: written,
        candidates: tiles.length,
        seconds: oursSeconds,
        tilesPerSecond: ours,
        concurrency,
        peakRssMiB: process.resourceUsage().maxRSS / 1024,
      },
      gdal2tiles: {
        tiles: gdal.gdal2tiles_tiles,
        seconds: gdal.gdal2tiles_2_processes.seconds,
        tilesPerSecond: theirs,
        peakKb: gdal.gdal2tiles_2_processes.peak_kb,
      },
      ratio: ours / theirs,
      encoders,
    },
    null,
    1,
  ),
);
