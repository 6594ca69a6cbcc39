/**
 * Decode benchmark: raw decode speed (Mpx/s) of a 4096² RGBA make-ortho.py ortho (512 px tiles,
 * DEFLATE + predictor 2, and the same as LZW + predictor 2) read whole from memory by our TIFF reader,
 * by geotiff.js readRasters (single thread, no pool) and by rasterio/GDAL (one thread), same input,
 * same run. "ours.decode" is the tiles alone; "ours.window" adds assembling one pixel-interleaved
 * block and its mask. Median of --runs, interleaved. Prints one JSON object.
 *
 *   node --import tsx bench/decode.ts [--size 4096] [--runs 5] [--dir /tmp/x]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fromArrayBuffer } from 'geotiff';
import { decodeBlock } from '../processing/src/tiff/block.decode.ts';
import { openTiff } from '../processing/src/tiff/index.ts';
import { memorySource } from '../processing/src/tiff/testing/memory.source.ts';

const PYTHON = '/usr/bin/python3';
const MAKE_ORTHO = '/work/shared/peers/make-ortho.py';
const RASTERIO_TIMER = `
import sys, time, rasterio
path, runs = sys.argv[1], int(sys.argv[2])
times = []
with rasterio.Env(GDAL_NUM_THREADS="1", GDAL_CACHEMAX=0):
    for _ in range(runs):
        with rasterio.open(path) as d:
            t = time.perf_counter(); d.read(); times.append(time.perf_counter() - t)
print(" ".join(str(t) for t in times))
`;

type Timer = () => Promise<void>;

function median(values: ReadonlyArray<number>): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function time(run: Timer): Promise<number> {
  const t = performance.now();
  await run();
  return (performance.now() - t) / 1000;
}

function sh(command: string, args: ReadonlyArray<string>): string {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr}`);
  return r.stdout;
}

async function contenders(path: string): Promise<Record<string, Timer>> {
  const bytes = new Uint8Array(readFileSync(path));
  const tiff = await openTiff(memorySource(bytes), { cacheBytes: 0 });
  const { width, height } = tiff.info;
  const image = tiff.levels[0]?.image;
  if (!image) throw new Error('no image');
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return {
    'ours.decode': async () => {
      for (let b = 0; b < image.offsets.length; b++) {
        const offset = image.offsets[b] ?? 0;
        decodeBlock(image, b, bytes.subarray(offset, offset + (image.byteCounts[b] ?? 0)), true);
      }
    },
    'ours.window': async () => {
      await tiff.reader().readWindow({ x: 0, y: 0, width, height });
    },
    'geotiff.js': async () => {
      const geotiff = await fromArrayBuffer(arrayBuffer);
      await (await geotiff.getImage()).readRasters({ interleave: true });
    },
  };
}

async function bench(path: string, runs: number, megapixels: number) {
  const timers = await contenders(path);
  const seconds: Record<string, number[]> = Object.fromEntries(Object.keys(timers).map((k) => [k, []]));
  for (let i = 0; i < runs; i++)
    for (const [name, run] of Object.entries(timers)) seconds[name]?.push(await time(run));
  seconds['rasterio (GDAL)'] = sh(PYTHON, ['-c', RASTERIO_TIMER, path, String(runs)])
    .trim()
    .split(' ')
    .map(Number);
  return Object.fromEntries(
    Object.entries(seconds).map(([name, s]) => {
      const m = median(s);
      return [name, { seconds: Number(m.toFixed(4)), mpxPerSecond: Number((megapixels / m).toFixed(1)) }];
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '4096' },
      runs: { type: 'string', default: '5' },
      dir: { type: 'string', default: join(tmpdir(), 'belcheer-bench-decode') },
    },
  });
  const n = Number(values.size);
  const runs = Number(values.runs);
  mkdirSync(values.dir, { recursive: true });
  const deflate = join(values.dir, `ortho-rgba-${n}-deflate.tif`);
  const lzw = join(values.dir, `ortho-rgba-${n}-lzw.tif`);
  if (!existsSync(deflate)) sh(PYTHON, [MAKE_ORTHO, String(n), deflate]);
  if (!existsSync(lzw)) {
    const co = ['TILED=YES', 'BLOCKXSIZE=512', 'BLOCKYSIZE=512', 'COMPRESS=LZW', 'PREDICTOR=2'];
    sh('gdal_translate', ['-q', ...co.flatMap((c) => ['-co', c]), deflate, lzw]);
  }
  const megapixels = (n * n) / 1e6;
  const results = {
    'deflate+predictor2': await bench(deflate, runs, megapixels),
    'lzw+predictor2': await bench(lzw, runs, megapixels),
  };
  const gdal = sh('gdalinfo', ['--version']).trim();
  console.log(
    JSON.stringify(
      { bench: 'decode', size: `${n}x${n} RGBA uint8`, node: process.version, gdal, runs, results },
      null,
      2,
    ),
  );
}

await main();
