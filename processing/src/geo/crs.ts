/**
 * The coordinate reference systems Belcheer accepts, by EPSG code, with their proj4 definitions:
 * WGS 84 (4326), WGS 84 / Pseudo-Mercator (3857), every WGS 84 / UTM zone (32601–32660 north,
 * 32701–32760 south; Mongolia lies in zones 45N–50N) and Pulkovo 1942 / Gauss-Kruger, the grid of older
 * Mongolian maps: zones 13–20 with the zone prefix (28413–28420) and without it (CM 75E–117E, 2503–2510).
 * Definitions as PROJ 9 prints them (`gdalsrsinfo -o proj4 EPSG:n`); the Pulkovo 1942 → WGS 84 shift is
 * EPSG:15865 (±4.5 m), PROJ's default for that datum.
 * Reference: EPSG registry; checked against GDAL/PROJ in crs.test.ts.
 */
import type { Crs } from '../raster/types.ts';

/** The accepted codes, for messages. */
export const SUPPORTED_CRS_SUMMARY = 'EPSG:4326, 3857, 32601–32660, 32701–32760, 28413–28420, 2503–2510';

const PULKOVO_1942 = '+ellps=krass +towgs84=25,-141,-78.5,0,0.35,0.736,0 +units=m +no_defs';

const FIXED = new Map<number, Crs>([
  [4326, { epsg: 4326, name: 'WGS 84', proj4: '+proj=longlat +datum=WGS84 +no_defs' }],
  [
    3857,
    {
      epsg: 3857,
      name: 'WGS 84 / Pseudo-Mercator',
      proj4:
        '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
    },
  ],
]);

function utm(code: number): Crs | null {
  const north = code >= 32601 && code <= 32660;
  const south = code >= 32701 && code <= 32760;
  if (!north && !south) return null;
  const zone = code % 100;
  return {
    epsg: code,
    name: `WGS 84 / UTM zone ${zone}${north ? 'N' : 'S'}`,
    proj4: `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`,
  };
}

function gaussKruger(code: number): Crs | null {
  const prefixed = code >= 28413 && code <= 28420;
  const central = code >= 2503 && code <= 2510;
  if (!prefixed && !central) return null;
  const zone = prefixed ? code - 28400 : code - 2490;
  const lon0 = zone * 6 - 3;
  const x0 = prefixed ? zone * 1_000_000 + 500_000 : 500_000;
  return {
    epsg: code,
    name: prefixed ? `Pulkovo 1942 / Gauss-Kruger zone ${zone}` : `Pulkovo 1942 / Gauss-Kruger CM ${lon0}E`,
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=${x0} +y_0=0 ${PULKOVO_1942}`,
  };
}

/** The CRS of an EPSG code, or null when Belcheer does not accept it. */
export function lookupCrs(epsg: number): Crs | null {
  return FIXED.get(epsg) ?? utm(epsg) ?? gaussKruger(epsg);
}
