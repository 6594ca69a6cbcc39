/**
 * Statistics of each vigour zone class: pixel count, area (ha) and the index's mean, min and max over
 * the class's pixels. NO_CLASS pixels and NaN values are not counted (a NaN pixel still has its area).
 * The cell area comes per row, so geographic rasters get geodesic areas (stats/cell.area.ts).
 * Reference: issue 6 (vigour zones "as polygons with their stats").
 */
import { ValidationError } from '../errors.ts';
import { NO_CLASS } from './classify.ts';

export interface ZoneClassStats {
  readonly cls: number;
  readonly pixels: number;
  readonly areaHa: number;
  /** Null when no pixel of the class has a value. */
  readonly mean: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

/** Per-class statistics, in class order, for the classes present in `classGrid`. */
export function zoneClassStats(
  values: ArrayLike<number>,
  classGrid: Uint8Array,
  width: number,
  cellAreaM2: (row: number) => number,
): ZoneClassStats[] {
  if (values.length !== classGrid.length) {
    throw new ValidationError(`index grid has ${values.length} pixels, class grid ${classGrid.length}`);
  }
  const acc = new Map<
    number,
    { pixels: number; area: number; n: number; sum: number; min: number; max: number }
  >();
  for (let p = 0; p < classGrid.length; p++) {
    const cls = classGrid[p]!;
    if (cls === NO_CLASS) continue;
    let a = acc.get(cls);
    if (!a) acc.set(cls, (a = { pixels: 0, area: 0, n: 0, sum: 0, min: Infinity, max: -Infinity }));
    a.pixels++;
    a.area += cellAreaM2(Math.floor(p / width));
    const v = values[p]!;
    if (Number.isNaN(v)) continue;
    a.n++;
    a.sum += v;
    a.min = Math.min(a.min, v);
    a.max = Math.max(a.max, v);
  }
  return [...acc.entries()]
    .sort(([x], [y]) => x - y)
    .map(([cls, a]) => ({
      cls,
      pixels: a.pixels,
      areaHa: a.area / 10_000,
      mean: a.n > 0 ? a.sum / a.n : null,
      min: a.n > 0 ? a.min : null,
      max: a.n > 0 ? a.max : null,
    }));
}
