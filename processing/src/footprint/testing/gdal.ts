/**
 * Test helper: rasterio, GDAL (gdal_polygonize.py, gdaltransform) and shapely as independent judges
 * of the footprint kernels, through footprint.check.py and the GDAL command-line tools.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Geometry, Position } from 'geojson';
import { PYTHON, runOk } from '../../testing/gdal.ts';

const CHECK = fileURLToPath(new URL('./footprint.check.py', import.meta.url));

function check(args: ReadonlyArray<string>): Record<string, unknown> {
  return JSON.parse(runOk(PYTHON, [CHECK, ...args])) as Record<string, unknown>;
}

export interface MaskRead {
  readonly width: number;
  readonly height: number;
  /** GDAL order, from rasterio's Affine.to_gdal(). */
  readonly transform: readonly [number, number, number, number, number, number];
}

/** Writes band `band` (1-based) of `tif` to `out` as raw bytes, as rasterio reads it. */
export function readBand(tif: string, band: number, out: string): MaskRead {
  const r = check(['mask', tif, String(band), out]);
  const [a, b, c, d, e, f] = (r['transform'] as number[]).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { width: Number(r['width']), height: Number(r['height']), transform: [a, b, c, d, e, f] };
}

/** gdal_polygonize.py of one band (4-connected, no mask) to a GeoJSON file. */
export function polygonize(tif: string, band: number, out: string): void {
  runOk('gdal_polygonize.py', ['-q', '-nomask', '-b', String(band), tif, '-f', 'GeoJSON', out]);
}

export interface Judgement {
  readonly valid: boolean;
  readonly reason: string;
  readonly area: number;
  readonly gdalArea?: number;
  readonly symmetricDifference?: number;
}

/**
 * shapely's view of each geometry (one Python run for all); with a polygonize output, also the area
 * of its DN == value features and of the symmetric difference with each geometry.
 */
export function judge(
  geometries: ReadonlyArray<Geometry>,
  path: string,
  gdal?: { path: string; value: number },
): Judgement[] {
  writeFileSync(path, JSON.stringify(geometries));
  const out = JSON.parse(
    runOk(PYTHON, [CHECK, 'judge', path, ...(gdal ? [gdal.path, String(gdal.value)] : [])]),
  ) as Array<Record<string, unknown>>;
  return out.map((r) => ({
    valid: r['valid'] === true,
    reason: String(r['reason']),
    area: Number(r['area']),
    ...(gdal
      ? { gdalArea: Number(r['gdalArea']), symmetricDifference: Number(r['symmetricDifference']) }
      : {}),
  }));
}

/** shapely's Hausdorff distance between two geometries. */
export function hausdorff(a: Geometry, b: Geometry, pathA: string, pathB: string): number {
  writeFileSync(pathA, JSON.stringify(a));
  writeFileSync(pathB, JSON.stringify(b));
  return Number(check(['hausdorff', pathA, pathB])['distance']);
}

/** gdaltransform (PROJ) of x/y points between two CRSs given as EPSG:n or proj strings. */
export function gdalTransform(points: ReadonlyArray<Position>, from: string, to: string): Position[] {
  const out = runOk(
    'gdaltransform',
    ['-s_srs', from, '-t_srs', to],
    points.map((p) => `${p[0]} ${p[1]}`).join('\n') + '\n',
  );
  return out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).slice(0, 2).map(Number));
}
