/**
 * Test helper: GDAL and rasterio as independent judges of the COGs we write — GDAL's COG validator
 * and make-ortho.py from ../shared/peers, and rasterio.check.py. hasGdal and gdalInfo are in
 * ../../testing/gdal.ts.
 */
import { fileURLToPath } from 'node:url';
import { arr, obj, PEERS, PYTHON, run, runOk } from '../../testing/gdal.ts';

const CHECK = fileURLToPath(new URL('./rasterio.check.py', import.meta.url));

type Json = unknown;

export function makeOrtho(n: number, out: string, bands: 'rgb' | 'ms'): void {
  runOk(PYTHON, [`${PEERS}make-ortho.py`, String(n), out, '--bands', bands]);
}

export function gdalTranslate(args: ReadonlyArray<string>): void {
  runOk('gdal_translate', ['-q', ...args]);
}

/** GDAL's validate_cloud_optimized_geotiff: exit status and report. */
export function validateCog(path: string): { status: number | null; report: string } {
  const r = run('bash', [`${PEERS}validate-cog.sh`, path]);
  return { status: r.status, report: r.stdout + r.stderr };
}

// ---- rasterio.check.py ----

export interface Comparison {
  readonly equal: boolean;
  readonly maxDiff: number;
  readonly maskEqual?: boolean;
}

function check(args: ReadonlyArray<string>): Record<string, Json> {
  return obj(JSON.parse(runOk(PYTHON, [CHECK, ...args])) as Json);
}

function comparison(r: Record<string, Json>): Comparison {
  const out = { equal: r['equal'] === true, maxDiff: Number(r['maxDiff']) };
  return 'maskEqual' in r ? { ...out, maskEqual: r['maskEqual'] === true } : out;
}

/** All bands and the dataset masks of two rasters, as GDAL reads them. */
export function compareRasters(a: string, b: string): Comparison {
  return comparison(check(['equal', a, b]));
}

/** A COG's full resolution against raw pixel-interleaved samples (and a byte mask). */
export function compareWithRaw(cog: string, data: string, dtype: string, mask?: string): Comparison {
  return comparison(check(['raw', cog, data, dtype, ...(mask ? [mask] : [])]));
}

export interface Overview {
  readonly width: number;
  readonly height: number;
  /** [band][row][col]; NaN where GDAL read NaN. */
  readonly data: number[][][];
  /** GDAL's dataset mask [row][col], 0 or 255. */
  readonly mask: number[][];
}

/** Overview `index` (0 = the first, half resolution) as GDAL reads it. */
export function readOverview(cog: string, index: number): Overview {
  const r = check(['overview', cog, String(index)]);
  const grid = (v: Json): number[][] =>
    arr(v).map((row) => arr(row).map((x) => (x === null ? NaN : Number(x))));
  return {
    width: Number(r['width']),
    height: Number(r['height']),
    data: arr(r['data']).map(grid),
    mask: grid(r['mask']),
  };
}
