/**
 * Point query: the band values and every index the survey's bands allow at one lon/lat, read from
 * the full-resolution pixel under it (no resampling). Outside the raster or on a masked pixel the
 * point is not inside and carries no values.
 * Reference: SPEC §2.2 "Point query"; issue 5 (`GET /api/surveys/{id}/point?lon=&lat=`).
 */
import {
  availableIndices,
  computeIndex,
  indexBands,
  indexDefinition,
  type BandContext,
  type Tiff,
} from '@belcheer/processing';
import { pixelTransform } from './approx.transform.ts';
import { lonLatToMercator } from './tile.matrix.ts';

export interface PointValues {
  readonly inside: boolean;
  /** Full-resolution column and row, when inside the raster's extent. */
  readonly pixel: { readonly x: number; readonly y: number } | null;
  /** Raw sample per band, keyed by band name (`b1`, `b2`… for unnamed or repeated names). */
  readonly bands: Readonly<Record<string, number>>;
  /** Each index the bands allow; null where it is undefined (e.g. a zero denominator). */
  readonly indices: Readonly<Record<string, number | null>>;
}

/** Keys of the bands: their names, or `bN` (1-based) when unnamed or repeated. */
export function bandKeys(names: ReadonlyArray<string>, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const name = names[i];
    const unique = name && name !== 'other' && names.indexOf(name) === names.lastIndexOf(name);
    return unique ? name : `b${i + 1}`;
  });
}

const OUTSIDE: PointValues = { inside: false, pixel: null, bands: {}, indices: {} };

export async function queryPoint(
  tiff: Tiff,
  lon: number,
  lat: number,
  ctx: BandContext,
): Promise<PointValues> {
  const { width, height, transform, crs } = tiff.info;
  const [px, py] = pixelTransform(crs.proj4, transform)(...lonLatToMercator(lon, lat));
  const x = Math.floor(px);
  const y = Math.floor(py);
  if (!(x >= 0 && y >= 0 && x < width && y < height)) return OUTSIDE;
  const block = await tiff.reader(0).readWindow({ x, y, width: 1, height: 1 });
  if (block.mask && block.mask[0] === 0) return { ...OUTSIDE, pixel: { x, y } };
  const keys = bandKeys(ctx.names, block.bands);
  const bands: Record<string, number> = {};
  keys.forEach((k, b) => {
    if (ctx.names[b] !== 'alpha') bands[k] = block.data[b]!;
  });
  const indices: Record<string, number | null> = {};
  for (const name of availableIndices(ctx)) {
    const def = indexDefinition(name);
    const input = {
      data: block.data,
      stride: block.bands,
      offsets: indexBands(def, ctx),
      count: 1,
      valid: null,
    };
    const v = computeIndex(def, input, ctx.reflectance)[0]!;
    indices[name] = Number.isNaN(v) ? null : v;
  }
  return { inside: true, pixel: { x, y }, bands, indices };
}
