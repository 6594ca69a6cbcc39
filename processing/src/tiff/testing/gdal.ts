/**
 * Test helper: runs GDAL's command-line tools and rasterio (system Python) to make fixtures and to
 * read reference values, outside our code. GDAL is a test dependency only, never used at runtime.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PYTHON = '/usr/bin/python3';
export const MAKE_ORTHO = '/work/shared/peers/make-ortho.py';
const REFERENCE_SCRIPT = fileURLToPath(new URL('./rasterio.reference.py', import.meta.url));

/** True when gdalinfo runs; GDAL-based tests are skipped only when it is absent. */
export const hasGdal = spawnSync('gdalinfo', ['--version']).status === 0;

/** Runs a command, failing with its stderr. */
export async function sh(command: string, args: ReadonlyArray<string>): Promise<string> {
  const { stdout } = await run(command, args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export interface GdalInfo {
  readonly size: readonly [number, number];
  readonly geoTransform: readonly number[];
  readonly epsg: number | null;
  readonly bands: ReadonlyArray<{
    colorInterpretation?: string;
    description?: string;
    noDataValue?: number | string;
  }>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const INFO_SCRIPT =
  'import json, sys\nfrom osgeo import gdal\nprint(json.dumps([gdal.Info(p, format="json") for p in sys.argv[1:]]))';

function toGdalInfo(json: unknown): GdalInfo {
  if (
    !isRecord(json) ||
    !Array.isArray(json.size) ||
    !Array.isArray(json.geoTransform) ||
    !Array.isArray(json.bands)
  ) {
    throw new Error('unexpected gdalinfo output');
  }
  const stac = isRecord(json.stac) ? json.stac : {};
  const epsg = typeof stac['proj:epsg'] === 'number' ? stac['proj:epsg'] : null;
  return {
    size: [Number(json.size[0]), Number(json.size[1])],
    geoTransform: json.geoTransform.map(Number),
    epsg,
    bands: json.bands.filter(isRecord),
  };
}

/** The fields of `gdalinfo -json` the tests compare with, for many files in one Python process. */
export async function gdalinfo(paths: ReadonlyArray<string>): Promise<GdalInfo[]> {
  const json: unknown = JSON.parse(await sh(PYTHON, ['-c', INFO_SCRIPT, ...paths]));
  if (!Array.isArray(json)) throw new Error('unexpected gdalinfo output');
  return json.map(toGdalInfo);
}

export interface ReferenceJob {
  readonly path: string;
  /** null for full resolution, else rasterio's overview_level (0 = first overview). */
  readonly overview: number | null;
  /** Output prefix: <out>.data and <out>.mask. */
  readonly out: string;
}

/** Dumps every job's pixels and dataset mask with rasterio, in one Python process. */
export async function rasterioReference(jobs: ReadonlyArray<ReferenceJob>): Promise<void> {
  await sh(PYTHON, [REFERENCE_SCRIPT, JSON.stringify(jobs)]);
}

/** The reference of one job: samples as bytes (little-endian) and the mask. */
export async function loadReference(job: ReferenceJob): Promise<{ data: Uint8Array; mask: Uint8Array }> {
  const [data, mask] = await Promise.all([readFile(`${job.out}.data`), readFile(`${job.out}.mask`)]);
  return { data: new Uint8Array(data), mask: new Uint8Array(mask) };
}
