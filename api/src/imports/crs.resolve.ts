/**
 * The CRS of an import and its transform to EPSG:4326 (lon, lat): an EPSG code named by the caller
 * (`?crs=EPSG:32648`) or found in a file (GeoJSON `crs` member, GeoPackage `gpkg_spatial_ref_sys`,
 * an AUTHORITY in a .prj), looked up in `lookupCrs`; otherwise an OGC/ESRI WKT (.prj, GeoPackage
 * definition) parsed by proj4. A CRS that neither knows is refused, naming it — never guessed.
 * Reference: EPSG registry; OGC 01-009 (WKT CRS); proj4js WKT parsing.
 */
import proj4 from 'proj4';
import type { Position } from 'geojson';
import { ValidationError, type Crs } from '@belcheer/processing';
import { lookupCrs, SUPPORTED_CRS_SUMMARY } from '../../../processing/src/geo/crs.ts';
import { requestCrs } from '../statistics/request.crs.ts';

export interface ImportCrs {
  readonly label: string;
  /** Source position → [lon, lat]; null for EPSG:4326 itself. */
  readonly toLonLat: ((p: Position) => Position) | null;
}

export const WGS84: ImportCrs = { label: 'EPSG:4326', toLonLat: null };

function converter(definition: string): (p: Position) => Position {
  const c = proj4(definition, 'EPSG:4326');
  return (p) => c.forward([p[0]!, p[1]!]);
}

const ofCrs = (crs: Crs): ImportCrs =>
  crs.epsg === 4326 ? WGS84 : { label: `EPSG:${crs.epsg}`, toLonLat: converter(crs.proj4) };

/** A known EPSG code, or a 400 naming it and what is accepted. */
export function crsOfEpsg(code: number, where: string): ImportCrs {
  const crs = lookupCrs(code);
  if (!crs)
    throw new ValidationError(
      `${where}: EPSG:${code} is not a CRS Belcheer reprojects from (accepted: ${SUPPORTED_CRS_SUMMARY}, or a .prj)`,
      undefined,
      'unsupported_crs',
    );
  return ofCrs(crs);
}

/** `EPSG:32648`, `urn:ogc:def:crs:EPSG::32648`, `CRS84` → the CRS (the rules of GeoJSON `crs` members). */
export function crsOfName(name: string): ImportCrs {
  return ofCrs(requestCrs({ type: 'name', properties: { name } }));
}

/** The CRS of a WKT (.prj): its outermost EPSG AUTHORITY when known, else the WKT itself via proj4. */
export function crsOfWkt(wkt: string, where: string): ImportCrs {
  const text = wkt.trim();
  const authority = /AUTHORITY\["EPSG",\s*"?(\d+)"?\]\]\s*$/i.exec(text)?.[1];
  if (authority && lookupCrs(Number(authority))) return crsOfEpsg(Number(authority), where);
  const name = /^(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\["([^"]*)"/i.exec(text)?.[1] ?? 'unnamed';
  if (/^(GEOGCS|GEOGCRS)\[/i.test(text) && /WGS[_ ]?(19)?84/i.test(text)) return WGS84;
  try {
    return { label: name, toLonLat: converter(text) };
  } catch (err) {
    throw new ValidationError(
      `${where}: the CRS "${name}" cannot be read (${(err as Error).message}); give its EPSG code as ?crs=EPSG:n`,
      undefined,
      'unsupported_crs',
    );
  }
}

/** Applies `crs` to every position of a GeoJSON coordinates tree (anything else is left for validation). */
export function reproject(coordinates: unknown, crs: ImportCrs): unknown {
  const to = crs.toLonLat;
  if (!to || !Array.isArray(coordinates)) return coordinates;
  if (typeof coordinates[0] === 'number') return to(coordinates as Position);
  return coordinates.map((c: unknown) => reproject(c, crs));
}

/** A GeoJSON geometry in `crs` → EPSG:4326 (GeometryCollections part by part). */
export function geometryToLonLat(geometry: unknown, crs: ImportCrs): unknown {
  if (!crs.toLonLat || typeof geometry !== 'object' || geometry === null) return geometry;
  const g = geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  if (Array.isArray(g.geometries))
    return { ...g, geometries: g.geometries.map((p) => geometryToLonLat(p, crs)) };
  return { ...g, coordinates: reproject(g.coordinates, crs) };
}
