/**
 * Ground sample distance: the mean of a pixel's width and height on the ground, in metres.
 * - Projected CRS in linear units (UTM, Gauss–Krüger …): the pixel size in the grid, times the unit's
 *   length in metres — the customary GSD, ignoring the projection's scale factor (UTM: 0.9996–1.0004).
 * - Mercator (EPSG:3857): the grid size divided by the point scale k = k0 √(1 − e² sin² φ) / cos φ at the
 *   latitude φ of the raster's centre; for 3857 (sphere, k0 = 1) that is the grid size times cos φ.
 * - Geographic (EPSG:4326): at the centre latitude φ, on the CRS's ellipsoid (a, e²), one degree of
 *   longitude is N cos φ · π/180 and one degree of latitude is M · π/180 metres, with
 *   N = a / √(1 − e² sin² φ) (prime vertical radius) and M = a (1 − e²) / (1 − e² sin² φ)^{3/2}
 *   (meridional radius). Both pixel vectors of the geotransform are measured this way.
 * Reference: SPEC §2.1 "Footprint … GSD"; Snyder, "Map Projections — A Working Manual" (1987), eq. 4-18, 4-20, 7-8.
 */
import proj4 from 'proj4';
import { UnsupportedRasterError, ValidationError } from '../errors.ts';
import type { Crs, GeoTransform } from '../raster/types.ts';
import { WGS84_PROJ4 } from './reproject.geometry.ts';

const DEGREE = Math.PI / 180;

/** The value of `+key=value` in a proj4 definition, or null when absent. */
function parameter(definition: string, key: string): string | null {
  const match = new RegExp(`(?:^|\\s)\\+${key}=(\\S+)`).exec(definition);
  return match ? (match[1] as string) : null;
}

function metresPerUnit(crs: Crs): number {
  const toMeter = parameter(crs.proj4, 'to_meter');
  if (toMeter !== null && Number(toMeter) > 0) return Number(toMeter);
  const units = parameter(crs.proj4, 'units') ?? 'm';
  if (units === 'm') return 1;
  if (units === 'km') return 1000;
  throw new UnsupportedRasterError(`CRS "${crs.name}" is in units "${units}"; GSD needs metres`);
}

function ellipsoid(crs: Crs): { a: number; es: number; k0: number } {
  const projection = new proj4.Proj(crs.proj4);
  const a: unknown = projection.a;
  if (typeof a !== 'number') throw new UnsupportedRasterError(`CRS "${crs.name}" has no ellipsoid`);
  return { a, es: projection.es, k0: projection.k0 };
}

/** Metres per pixel (mean of width and height) of a raster `width`×`height` pixels. */
export function groundSampleDistance(
  transform: GeoTransform,
  crs: Crs,
  width: number,
  height: number,
): number {
  if (!(width > 0 && height > 0)) throw new ValidationError(`raster size ${width}×${height} has no pixels`);
  const [x0, b, c, y0, e, f] = transform;
  const cx = x0 + (b * width) / 2 + (c * height) / 2;
  const cy = y0 + (e * width) / 2 + (f * height) / 2;
  const kind = parameter(crs.proj4, 'proj');
  if (kind === 'longlat' || kind === 'latlong' || kind === 'lonlat' || kind === 'latlon') {
    const { a, es } = ellipsoid(crs);
    const s2 = Math.sin(cy * DEGREE) ** 2;
    const n = a / Math.sqrt(1 - es * s2);
    const m = (a * (1 - es)) / (1 - es * s2) ** 1.5;
    const east = n * Math.cos(cy * DEGREE) * DEGREE;
    const north = m * DEGREE;
    return (Math.hypot(b * east, e * north) + Math.hypot(c * east, f * north)) / 2;
  }
  const grid = ((Math.hypot(b, e) + Math.hypot(c, f)) / 2) * metresPerUnit(crs);
  if (kind !== 'merc') return grid;
  const { es, k0 } = ellipsoid(crs);
  const [, lat] = proj4(crs.proj4, WGS84_PROJ4).forward([cx, cy]);
  const scale = (k0 * Math.sqrt(1 - es * Math.sin(lat * DEGREE) ** 2)) / Math.cos(lat * DEGREE);
  return grid / scale;
}
