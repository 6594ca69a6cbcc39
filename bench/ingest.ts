/**
 * Ingest benchmark (issue 4, SPEC §5): the production path — our TIFF reader (`openTiff` over a file)
 * feeding our streaming COG writer — against `gdal_translate -of COG` with the options of
 * ../shared/peers/cog-baseline.sh (DEFLATE, PREDICTOR=2, BLOCKSIZE=512, AVERAGE overviews; 1 thread
 * and ALL_CPUS), on the same make-ortho.py RGBA orthos, in the same run. Every contender runs in its
 * own process so that its peak RSS is its own (ours: process.resourceUsage().maxRSS; GDAL:
 * /usr/bin/time). Prints one JSON object; the ratio SPEC §5 asks for is ours ÷ GDAL all CPUs.
 *
 *   node --import tsx bench/ingest.ts [--sizes 8192,16384] [--dir /tmp/belcheer-bench-ingest]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openTiff, writeCog, type ByteSource } from '@belcheer/processing';
import { ensureOrtho, isValidCog, timeGdalCog, type Run } from './gdal.baseline.ts';

const SELF = fileURLToPath(import.meta.url);
async function fileSource(path: string): Promise<ByteSource & { close(): Promise<void> }> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    async fetch(offset, length) {
      const buf = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await handle.read(buf, 0, buf.length, offset);
      return buf.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}

/** Child mode: one conversion, measured from inside this process. */
async function child(input: string, output: string): Promise<void> {
  const t = performance.now();
  const source = await fileSource(input);
  const tiff = await openTiff(source);
  const result = await writeCog(tiff.reader(0), { path: output });
  await source.close();
  const run: Run = {
    seconds: (performance.now() - t) / 1000,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    bytes: result.bytes,
  };
  process.stdout.write(JSON.stringify(run));
}

function ours(input: string, output: string): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', input, output], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`our pipeline failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Run;
}

function gdal(input: string, output: string, threads: 'ALL_CPUS' | '1'): Run {
  return timeGdalCog(input, output, threads === 'ALL_CPUS' ? ['-co', 'NUM_THREADS=ALL_CPUS'] : []);
}

const r3 = (v: number): number => Number(v.toFixed(3));

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      child: { type: 'boolean', default: false },
      sizes: { type: 'string', default: '8192,16384' },
      dir: { type: 'string', default: '/tmp/belcheer-bench-ingest' },
    },
  });
  if (values.child) return child(positionals[0] ?? '', positionals[1] ?? '');
  mkdirSync(values.dir, { recursive: true });
  const results = [];
  for (const n of values.sizes.split(',').map(Number)) {
    const input = join(values.dir, `ortho-rgba-${n}.tif`);
    ensureOrtho(n, input);
    const out = (name: string): string => join(values.dir, `${name}-${n}.tif`);
    const gdalAll = gdal(input, out('gdal-all'), 'ALL_CPUS');
    const mine = ours(input, out('ours'));
    const gdalOne = gdal(input, out('gdal-1'), '1');
    results.push({
      size: `${n}x${n}`,
      inputBytes: statSync(input).size,
      ours: { ...mine, seconds: r3(mine.seconds), peakRssMiB: r3(mine.peakRssMiB) },
      oursValidCog: isValidCog(out('ours')),
      gdalAllCpus: gdalAll,
      gdal1Thread: gdalOne,
      ratioVsAllCpus: r3(mine.seconds / gdalAll.seconds),
      ratioVs1Thread: r3(mine.seconds / gdalOne.seconds),
    });
    for (const name of ['gdal-all', 'gdal-1', 'ours']) rmSync(out(name), { force: true });
  }
  process.stdout.write(`${JSON.stringify({ node: process.version, results }, null, 2)}\n`);
}

await main();
