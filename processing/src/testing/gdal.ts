/**
 * Test helper shared by the tiff, cog and footprint tests: whether GDAL is installed, the system
 * Python, the peers scripts in ../shared/peers (beside the repository, wherever it is cloned),
 * running a command, and gdalinfo -json narrowed to what the tests compare with.
 * GDAL is a test dependency only, never used at runtime.
 */
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The system Python, which has the GDAL bindings, rasterio and shapely. */
export const PYTHON = '/usr/bin/python3';

/** ../shared/ beside the repository, wherever it is cloned (CI too), with a trailing slash. */
export const SHARED = fileURLToPath(new URL('../../../../shared/', import.meta.url));

/** The peers scripts (make-ortho.py, validate-cog.sh) in ../shared/peers/. */
export const PEERS = `${SHARED}peers/`;

/** True when gdalinfo runs; GDAL-based tests are skipped only when it is absent. */
export const hasGdal = spawnSync('gdalinfo', ['--version']).status === 0;

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end, whatever its exit status. */
export function run(command: string, args: ReadonlyArray<string>, input?: string): CommandResult {
  const r = spawnSync(command, args, { encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command and returns its stdout, failing with its stderr when it exits non-zero. */
export function runOk(command: string, args: ReadonlyArray<string>, input?: string): string {
  const r = run(command, args, input);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

const execFileAsync = promisify(execFile);

/** Runs a command without blocking (so several can run at once), failing with its stderr. */
export async function sh(command: string, args: ReadonlyArray<string>): Promise<string> {
  const { stdout } = await execFileAsync(command, args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** gdal_translate options that keep bands 1–3 of an RGBA file and store band 4 as an internal mask. */
export const RGB_WITH_INTERNAL_MASK: ReadonlyArray<string> = [
  '-b',
  '1',
  '-b',
  '2',
  '-b',
  '3',
  '-mask',
  '4',
  '--config',
  'GDAL_TIFF_INTERNAL_MASK',
  'YES',
];

// ---- gdalinfo -json, narrowed to what the tests look at ----

type Json = unknown;
export const obj = (v: Json): Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, Json>) : {};
export const arr = (v: Json): Json[] => (Array.isArray(v) ? v : []);
const nums = (v: Json): number[] => arr(v).map(Number);

export interface GdalBand {
  readonly type: string;
  readonly block: number[];
  readonly overviews: number[][];
  /** null when the band has none; NaN for "nan". */
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

function toGdalInfo(json: Json): GdalInfo {
  const info = obj(json);
  if (!Array.isArray(info['size']) || !Array.isArray(info['bands'])) {
    throw new Error('unexpected gdalinfo output');
  }
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
        colorInterpretation: String(band['colorInterpretation'] ?? ''),
        description: String(band['description'] ?? ''),
        maskFlags: arr(obj(band['mask'])['flags']).map(String),
      };
    }),
  };
}

/** `gdalinfo -json` of one file. */
export function gdalInfo(path: string): GdalInfo {
  return toGdalInfo(JSON.parse(runOk('gdalinfo', ['-json', path])) as Json);
}

const INFO_SCRIPT =
  'import json, sys\nfrom osgeo import gdal\nprint(json.dumps([gdal.Info(p, format="json") for p in sys.argv[1:]]))';

/** The same as gdalInfo for many files, in one Python process (gdal.Info). */
export async function gdalInfos(paths: ReadonlyArray<string>): Promise<GdalInfo[]> {
  const json: Json = JSON.parse(await sh(PYTHON, ['-c', INFO_SCRIPT, ...paths]));
  if (!Array.isArray(json)) throw new Error('unexpected gdalinfo output');
  return json.map(toGdalInfo);
}
