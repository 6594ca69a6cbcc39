/**
 * GET /api/surveys/{id}/point?lon=&lat= — the survey's values under one point: whether it lies
 * inside the imagery, the pixel, band values, index values (null where undefined) and the green
 * cover class. Narrowed from `unknown`; a 404 (not there, or an older server) is `null`.
 */
import { apiRequest } from './client.ts';
import { ShapeError, field, isRecord, num, record, str } from './guards.ts';
import { orNullOn404 } from './survey.products.ts';

export interface PointCover {
  /** null where the cover index has no value. */
  readonly green: boolean | null;
  readonly threshold: number;
  readonly index: string;
}

export interface PointValues {
  readonly lon: number;
  readonly lat: number;
  readonly inside: boolean;
  readonly pixel: { readonly x: number; readonly y: number } | null;
  /** Band name → value, in the server's order. */
  readonly bands: readonly (readonly [string, number | null])[];
  /** Index name → value (null where it is undefined: masked, zero denominator). */
  readonly indices: readonly (readonly [string, number | null])[];
  readonly cover: PointCover | null;
}

function values(value: unknown, where: string): [string, number | null][] {
  if (value === undefined || value === null) return [];
  return Object.entries(record(value, where)).map(([name, v]) => {
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v)))
      throw new ShapeError(`${where}.${name} is not a number or null`);
    return [name, v];
  });
}

export function parsePoint(value: unknown, where = 'point'): PointValues {
  const p = record(value, where);
  const inside = field(p, 'inside', where);
  if (typeof inside !== 'boolean') throw new ShapeError(`${where}.inside is not a boolean`);
  const pixel = isRecord(p.pixel)
    ? { x: num(p.pixel, 'x', `${where}.pixel`), y: num(p.pixel, 'y', `${where}.pixel`) }
    : null;
  const cover = isRecord(p.cover)
    ? {
        green: typeof p.cover.green === 'boolean' ? p.cover.green : null,
        threshold: num(p.cover, 'threshold', `${where}.cover`),
        index: str(p.cover, 'index', `${where}.cover`),
      }
    : null;
  return {
    lon: num(p, 'lon', where),
    lat: num(p, 'lat', where),
    inside,
    pixel,
    bands: values(p.bands, `${where}.bands`),
    indices: values(p.indices, `${where}.indices`),
    cover,
  };
}

export function pointUrl(survey: string, lon: number, lat: number): string {
  const search = new URLSearchParams({ lon: lon.toFixed(7), lat: lat.toFixed(7) });
  return `/api/surveys/${encodeURIComponent(survey)}/point?${search.toString()}`;
}

export async function fetchPoint(url: string, signal?: AbortSignal): Promise<PointValues | null> {
  return orNullOn404(apiRequest(url, { signal }).then((body) => parsePoint(body)));
}
