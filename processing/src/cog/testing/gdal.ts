/**
 * Test helper: GDAL and rasterio as independent judges of the COGs we write — gdalinfo -json,
 * GDAL's COG validator and make-ortho.py from ../shared/peers, and rasterio.check.py.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PEERS = fileURLToPath(new URL('../../../../../shared/peers/', import.meta.url));
const CHECK = fileURLToPath(new URL('./rasterio.check.py', import.meta.url));
const PYTHON = '/usr/bin/python3';

export const hasGdal = spawnSync('gdalinfo', ['--version']).status === 0;

function run(
  command: string,
  args: ReadonlyArray<string>,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function runOk(command: string, args: ReadonlyArray<string>): string {
  const r = run(command, args);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

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

// ---- gdalinfo -json, narrowed to what the tests look at ----

type Json = unknown;
const obj = (v: Json): Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, Json>) : {};
const arr = (v: Json): Json[] => (Array.isArray(v) ? v : []);
const nums = (v: Json): number[] => arr(v).map(Number);

export interface GdalBand {
  readonly type: string;
  readonly block: number[];
  readonly overviews: number[][];
  readonly noData: number | null;
  readonly colorInterpretation: string;
  readonly description: string;
  readonly maskFlags: string[];
}

export interface GdalInfo {
  readonly size: number[];
  readonly geoTransform: number[];
  readonly epsg: number | null;
  readonly compression: string;
  readonly predictor: string;
  readonly bands: GdalBand[];
}

function noDataOf(v: Json): number | null {
  if (v === undefined) return null;
  return v === 'nan' || v === 'NaN' ? NaN : Number(v);
}

export function gdalInfo(path: string): GdalInfo {
  const info = obj(JSON.parse(runOk('gdalinfo', ['-json', path])) as Json);
  const stac = obj(info['stac']);
  const structure = obj(obj(info['metadata'])['IMAGE_STRUCTURE']);
  return {
    size: nums(info['size']),
    geoTransform: nums(info['geoTransform']),
    epsg: typeof stac['proj:epsg'] === 'number' ? stac['proj:epsg'] : null,
    compression: String(structure['COMPRESSION']),
    predictor: String(structure['PREDICTOR']),
    bands: arr(info['bands']).map((b) => {
      const band = obj(b);
      return {
        type: String(band['type']),
        block: nums(band['block']),
        overviews: arr(band['overviews']).map((o) => nums(obj(o)['size'])),
        noData: noDataOf(band['noDataValue']),
        colorInterpretation: String(band['colorInterpretation']),
        description: String(band['description'] ?? ''),
        maskFlags: arr(obj(band['mask'])['flags']).map(String),
      };
    }),
  };
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
