/**
 * The window a field plot's index value is averaged over (DOMAIN §4): a square of the plot's side
 * (default 1 m) centred on its GPS point, built in the raster's CRS around the reprojected point — in
 * metres for a projected CRS, in degrees for a geographic one (the side converted with the WGS 84
 * radii of curvature at the plot's latitude).
 * Reference: DOMAIN.md §4; SPEC §2.3 "polygons are reprojected to the raster's CRS".
 */
import type { Polygon } from 'geojson';
import { reprojectGeometry, WGS84_PROJ4, type RasterInfo } from '@belcheer/processing';
import { isGeographic } from '../../../processing/src/stats/cell.area.ts';

const WGS84_A = 6378137;
const WGS84_E2 = (1 / 298.257223563) * (2 - 1 / 298.257223563);
const RAD = Math.PI / 180;

/** Metres per degree of longitude and of latitude at `latDeg` on the WGS 84 ellipsoid. */
export function metresPerDegree(latDeg: number): { lon: number; lat: number } {
  const s = Math.sin(latDeg * RAD);
  const w = 1 - WGS84_E2 * s * s;
  const n = WGS84_A / Math.sqrt(w);
  const m = (WGS84_A * (1 - WGS84_E2)) / w ** 1.5;
  return { lon: n * Math.cos(latDeg * RAD) * RAD, lat: m * RAD };
}

/** The plot's square window (side `sizeM` metres) around lon/lat, in the raster's CRS. */
export function plotWindow(lon: number, lat: number, sizeM: number, info: Pick<RasterInfo, 'crs'>): Polygon {
  const point = reprojectGeometry({ type: 'Point', coordinates: [lon, lat] }, WGS84_PROJ4, info.crs.proj4, {
    maxSegmentLength: 0,
  });
  const [x = NaN, y = NaN] = point.coordinates;
  const perDegree = isGeographic(info) ? metresPerDegree(lat) : { lon: 1, lat: 1 };
  const hx = sizeM / 2 / perDegree.lon;
  const hy = sizeM / 2 / perDegree.lat;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x - hx, y - hy],
        [x + hx, y - hy],
        [x + hx, y + hy],
        [x - hx, y + hy],
        [x - hx, y - hy],
      ],
    ],
  };
}
