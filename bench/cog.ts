/**
 * Ingest benchmark (SPEC §5): our streaming COG writer against `gdal_translate -of COG` (all CPUs
 * and 1 thread at GDAL's default DEFLATE level 6, all CPUs at level 1) on the same make-ortho.py
 * RGBA orthos, in the same run. Ratios: our first --levels entry against GDAL at level 6. Each
 * measurement runs in its own process, interleaved, median of --runs; ours reports its peak RSS
 * (process.resourceUsage().maxRSS) and the time spent in the geotiff.js test reader.
 * Prints one JSON object.
 *
 *   node --import tsx bench/cog.ts [--sizes 4096,8192] [--runs 3] [--levels 1,6] [--dir /tmp/x]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeCog } from '../processing/src/cog/index.ts';
import { geotiffReader } from '../processing/src/cog/testing/geotiff.reader.ts';
import { UTM_48N } from '../processing/src/cog/testing/memory.reader.ts';
import type { RasterReader } from '../processing/src/raster/types.ts';
import { ensureOrtho, isValidCog, timeGdalCog, type Run } from './gdal.baseline.ts';

const SELF = fileURLToPath(import.meta.url);
/** A procedural RGBA raster, no input file: gradients with a little noise, a transparent margin. */
function syntheticReader(width: number, height: number): RasterReader {
  const bandNames = ['red', 'green', 'blue', 'alpha'] as const;
  const info = { width, height, bands: 4, sampleFormat: 'uint8', crs: UTM_48N, noData: null } as const;
  return {
    info: {
      ...info,
      transform: [500000, 0.05, 0, 5500000, 0, -0.05],
      alphaBand: 3,
      hasMask: false,
      bandNames,
    },
    readWindow(w) {
      const data = new Uint8Array(w.width * w.height * 4);
      for (let r = 0; r < w.height; r++) {
        for (let c = 0; c < w.width; c++) {
          const x = w.x + c;
          const y = w.y + r;
          const noise = (Math.imul(x, 2654435761) ^ Math.imul(y, 40503)) >>> 28;
          const i = (r * w.width + c) * 4;
          data[i] = ((x >> 6) + noise) & 255;
          data[i + 1] = ((y >> 5) + noise) & 255;
          data[i + 2] = ((x + y) >> 7) & 255;
          data[i + 3] = x < 1000 ? 0 : 255;
        }
      }
      return Promise.resolve({ width: w.width, height: w.height, bands: 4, data, mask: null });
    },
  };
}

/** Child mode: one writeCog in this process, measured from inside. `input` may be synthetic:WxH. */
async function child(input: string, output: string, level: number): Promise<void> {
  const [w, h] = input.startsWith('synthetic:') ? input.slice(10).split('x').map(Number) : [];
  const source = w && h ? syntheticReader(w, h) : await geotiffReader(input);
  let readSeconds = 0;
  const reader: RasterReader = {
    info: source.info,
    async readWindow(w) {
      const t = performance.now();
      const block = await source.readWindow(w);
      readSeconds += (performance.now() - t) / 1000;
      return block;
    },
  };
  const t = performance.now();
  const result = await writeCog(reader, { path: output }, { deflateLevel: level });
  const run: Run = {
    seconds: (performance.now() - t) / 1000,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    bytes: result.bytes,
    readSeconds,
  };
  process.stdout.write(JSON.stringify(run));
}

function ours(input: string, output: string, level: number): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', input, output, String(level)], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`our writer failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Run;
}

/** GDAL's default DEFLATE level is 6. */
function gdal(input: string, output: string, threads: 'ALL_CPUS' | '1', level = 6): Run {
  return timeGdalCog(input, output, ['-co', `NUM_THREADS=${threads}`, '-co', `LEVEL=${level}`]);
}

function median(runs: ReadonlyArray<Run>): Run {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor(sorted.length / 2)] as Run;
}

/** Runs every contender once per round, interleaved so that machine noise hits all alike. */
function rounds(n: number, contenders: Record<string, () => Run>): Record<string, Run> {
  const runs: Record<string, Run[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let i = 0; i < n; i++) for (const [name, f] of Object.entries(contenders)) runs[name]?.push(f());
  return Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)]));
}

function round(run: Run): Run {
  const r = (v: number, d = 3): number => Number(v.toFixed(d));
  return {
    seconds: r(run.seconds),
    peakRssMiB: r(run.peakRssMiB, 1),
    bytes: run.bytes,
    ...(run.readSeconds === undefined ? {} : { readSeconds: r(run.readSeconds) }),
  };
}

/**
 * Peak memory on a very wide procedural raster: memory grows with the width (one tile row per
 * level), not the height, so 100000 px wide stands for a 100000² (10 Gpx) ortho.
 */
function wideRun(size: string, dir: string): Record<string, unknown> {
  const output = join(dir, 'ours-wide.tif');
  const run = round(ours(`synthetic:${size}`, output, 1));
  const [w, h] = size.split('x').map(Number);
  const result = { size, pixels: (w ?? 0) * (h ?? 0), ...run, valid: isValidCog(output) };
  rmSync(output, { force: true });
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '4096' },
      runs: { type: 'string', default: '3' },
      levels: { type: 'string', default: '1,6' },
      dir: { type: 'string', default: join(tmpdir(), 'belcheer-bench-cog') },
      wide: { type: 'string', default: '100000x1536' },
    },
  });
  const runs = Number(values.runs);
  const levels = values.levels.split(',').map(Number);
  mkdirSync(values.dir, { recursive: true });
  const results = [];
  for (const n of values.sizes.split(',').map(Number)) {
    const input = join(values.dir, `ortho-rgba-${n}.tif`);
    ensureOrtho(n, input);
    const out = (name: string): string => join(values.dir, `${name}-${n}.tif`);
    const contenders: Record<string, () => Run> = {
      gdalAllCpus: () => gdal(input, out('gdal-all'), 'ALL_CPUS'),
      gdal1Thread: () => gdal(input, out('gdal-1'), '1'),
      gdalAllCpusDeflate1: () => gdal(input, out('gdal-all-1'), 'ALL_CPUS', 1),
      ...Object.fromEntries(levels.map((l) => [`deflate${l}`, () => ours(input, out(`ours-${l}`), l)])),
    };
    const m = rounds(runs, contenders);
    const gdalAll = m['gdalAllCpus'] as Run;
    const gdalOne = m['gdal1Thread'] as Run;
    const byLevel = Object.fromEntries(levels.map((l) => [`deflate${l}`, round(m[`deflate${l}`] as Run)]));
    const best = m[`deflate${levels[0]}`] as Run;
    results.push({
      size: `${n}x${n}`,
      pixels: n * n,
      inputBytes: statSync(input).size,
      gdalAllCpus: round(gdalAll),
      gdal1Thread: round(gdalOne),
      gdalAllCpusDeflate1: round(m['gdalAllCpusDeflate1'] as Run),
      ours: byLevel,
      oursValid: isValidCog(out(`ours-${levels[0]}`)),
      ratioVsAllCpus: Number((best.seconds / gdalAll.seconds).toFixed(3)),
      ratioVs1Thread: Number((best.seconds / gdalOne.seconds).toFixed(3)),
    });
    for (const name of ['gdal-all', 'gdal-1', 'gdal-all-1', ...levels.map((l) => `ours-${l}`)])
      rmSync(out(name), { force: true });
  }
  const memory = values.wide ? wideRun(values.wide, values.dir) : null;
  const gdalVersion = spawnSync('gdalinfo', ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(
    JSON.stringify(
      {
        bench: 'cog',
        cpus: availableParallelism(),
        node: process.version,
        gdal: gdalVersion,
        runs,
        results,
        memory,
      },
      null,
      2,
    ),
  );
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === '--child') await child(rest[0] as string, rest[1] as string, Number(rest[2]));
else await main();
