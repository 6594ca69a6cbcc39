/**
 * Zonal statistics of many polygons over one level: polygons are visited in the order of the block
 * holding their bbox's upper-left corner (row-major), so neighbours reuse the decoded blocks still in
 * the block-value cache of one run; results come back in input order.
 * Reference: SPEC §3 (up to 5,000 features per request).
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { bboxOf } from '../footprint/bbox.ts';
import { invertGeoTransform } from './pixel.rings.ts';
import { ZonalRun, type PixelValue, type ZonalOptions, type ZonalSource } from './zonal.stats.ts';
import type { ZoneStats } from './zone.summary.ts';

/** Row-major block index of the upper-left corner of `g`'s bbox (in the level's CRS). */
function blockKey(source: ZonalSource, g: Polygon | MultiPolygon): number {
  const box = bboxOf(g);
  if (!box) return Infinity;
  const inv = invertGeoTransform(source.reader.info.transform);
  const [x0, y0, x1, y1] = box;
  const px = Math.min(inv[0] + x0 * inv[1] + y1 * inv[2], inv[0] + x1 * inv[1] + y0 * inv[2]);
  const py = Math.min(inv[3] + x0 * inv[4] + y1 * inv[5], inv[3] + x1 * inv[4] + y0 * inv[5]);
  const across = Math.ceil(source.reader.info.width / source.blockWidth);
  const bx = Math.min(Math.max(Math.floor(px / source.blockWidth), 0), across - 1);
  const by = Math.max(Math.floor(py / source.blockHeight), 0);
  return by * across + bx;
}

/** zonalStats of each of `geometries` (in the level's CRS), in input order. */
export async function zonalStatsMany(
  source: ZonalSource,
  geometries: ReadonlyArray<Polygon | MultiPolygon>,
  value: PixelValue,
  options: ZonalOptions = {},
): Promise<ZoneStats[]> {
  const keys = geometries.map((g) => blockKey(source, g));
  const order = geometries.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
  const run = new ZonalRun(source, value, options);
  const out = new Array<ZoneStats>(geometries.length);
  for (const i of order) out[i] = await run.zone(geometries[i]!);
  return out;
}
