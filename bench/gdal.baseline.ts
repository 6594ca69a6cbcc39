/**
 * What the benchmarks share about GDAL: the peer scripts (../shared/peers), gdal_translate -of COG
 * with cog-baseline.sh's options timed under /usr/bin/time (wall seconds, peak RSS), GDAL's COG
 * validator, and make-ortho.py inputs made once and reused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PEERS = fileURLToPath(new URL('../../shared/peers/', import.meta.url));

/** The creation options of ../shared/peers/cog-baseline.sh. */
export const COG_BASELINE_ARGS: readonly string[] = [
  '-of',
  'COG',
  '-co',
  'COMPRESS=DEFLATE',
  '-co',
  'PREDICTOR=2',
  '-co',
  'BLOCKSIZE=512',
  '-co',
  'OVERVIEW_RESAMPLING=AVERAGE',
];

export interface Run {
  readonly seconds: number;
  readonly peakRssMiB: number;
  readonly bytes: number;
  readonly readSeconds?: number;
}

/** gdal_translate -of COG (baseline options + `extra`) under /usr/bin/time. */
export function timeGdalCog(input: string, output: string, extra: readonly string[] = []): Run {
  const args = ['-f', '%e %M', 'gdal_translate', '-q', ...COG_BASELINE_ARGS, ...extra, input, output];
  const r = spawnSync('/usr/bin/time', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gdal_translate failed: ${r.stderr}`);
  const [seconds, kb] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { seconds: seconds ?? NaN, peakRssMiB: (kb ?? NaN) / 1024, bytes: statSync(output).size };
}

/** GDAL's validate_cloud_optimized_geotiff accepts the file. */
export function isValidCog(path: string): boolean {
  return spawnSync('bash', [join(PEERS, 'validate-cog.sh'), path]).status === 0;
}

/** A make-ortho.py ortho of n² px at `path`, made unless it already exists. */
export function ensureOrtho(n: number, path: string, bands: 'rgb' | 'ms' = 'rgb'): void {
  if (existsSync(path)) return;
  const r = spawnSync('/usr/bin/python3', [join(PEERS, 'make-ortho.py'), String(n), path, '--bands', bands], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`make-ortho.py ${n} failed`);
}
