/**
 * Area of one pixel of a level, in m², per row. Projected CRS: |det| of the geotransform in the CRS's
 * units (metres for UTM and Gauss-Krüger). Geographic CRS (lon/lat degrees): the geodesic area of the
 * cell on the WGS 84 ellipsoid, Δλ·(F(φ₂) − F(φ₁)) with F the authalic-latitude primitive
 * F(φ) = b²/2·[sinφ/(1 − e²sin²φ) + atanh(e·sinφ)/e]; for cells under 0.01° high, where that
 * difference cancels, Simpson's rule on the area element M(φ)·N(φ)·cosφ = F′(φ) instead.
 * Reference: Snyder, "Map Projections — A Working Manual" (1987), eq. 3-12 (q); checked against pyproj.Geod.
 */
import type { RasterInfo } from '../raster/types.ts';

const WGS84_A = 6378137;
const WGS84_F = 1 / 298.257223563;
const E2 = WGS84_F * (2 - WGS84_F);
const E = Math.sqrt(E2);
const B2 = WGS84_A * WGS84_A * (1 - E2);

function primitive(latDeg: number): number {
  const s = Math.sin((latDeg * Math.PI) / 180);
  return (B2 / 2) * (s / (1 - E2 * s * s) + Math.atanh(E * s) / E);
}

/** F′(φ) = M(φ)·N(φ)·cosφ = b²·cosφ / (1 − e²sin²φ)². */
function element(latDeg: number): number {
  const phi = (latDeg * Math.PI) / 180;
  const s = Math.sin(phi);
  return (B2 * Math.cos(phi)) / (1 - E2 * s * s) ** 2;
}

const SMALL_CELL_DEG = 0.01;

/** The geodesic area in m² of a lon/lat cell of width `dLonDeg` between two latitudes. */
export function geodesicCellArea(dLonDeg: number, lat1: number, lat2: number): number {
  const dLon = (dLonDeg * Math.PI) / 180;
  if (Math.abs(lat2 - lat1) >= SMALL_CELL_DEG) return Math.abs(dLon * (primitive(lat2) - primitive(lat1)));
  const dPhi = ((lat2 - lat1) * Math.PI) / 180;
  const simpson = (element(lat1) + 4 * element((lat1 + lat2) / 2) + element(lat2)) / 6;
  return Math.abs(dLon * dPhi * simpson);
}

/** True when the CRS is geographic (degrees of longitude and latitude). */
export function isGeographic(info: Pick<RasterInfo, 'crs'>): boolean {
  return /\+proj=longlat\b/.test(info.crs.proj4);
}

/** Pixel area in m² of row `row` of a level (north-up geotransforms for geographic rasters). */
export function cellAreaOfRow(info: Pick<RasterInfo, 'crs' | 'transform'>): (row: number) => number {
  const [, a, b, top, d, e] = info.transform;
  if (!isGeographic(info)) {
    const area = Math.abs(a * e - b * d);
    return () => area;
  }
  return (row) => geodesicCellArea(a, top + row * e, top + (row + 1) * e);
}
