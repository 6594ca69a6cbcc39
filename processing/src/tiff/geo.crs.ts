/**
 * The CRS of a GeoTIFF from its GeoKeys: ProjectedCSTypeGeoKey for projected rasters,
 * GeographicTypeGeoKey for geographic ones, and the UTM ProjectionGeoKey codes (16001–16060 north,
 * 16101–16160 south) that some writers use over WGS 84 instead of a ProjectedCSType. Anything not in
 * the registry of geo/crs.ts, and every user-defined CRS, is refused by name.
 * Reference: OGC GeoTIFF 1.1 §7.5 (GTModelTypeGeoKey), §7.6, Annex (EPSG codes); SPEC §2.1.
 */
import { lookupCrs, SUPPORTED_CRS_SUMMARY } from '../geo/crs.ts';
import type { Crs } from '../raster/types.ts';
import { GeoKey, type GeoKeyValue, USER_DEFINED } from './geo.keys.ts';
import { refusedTiff } from './tiff.errors.ts';

const MODEL_PROJECTED = 1;
const MODEL_GEOGRAPHIC = 2;
const MODEL_GEOCENTRIC = 3;
const WGS84 = 4326;

function code(keys: ReadonlyMap<number, GeoKeyValue>, key: number): number | null {
  const value = keys.get(key);
  return typeof value === 'number' && value > 0 ? value : null;
}

function citation(keys: ReadonlyMap<number, GeoKeyValue>): string {
  const text = [GeoKey.PCSCitation, GeoKey.GTCitation, GeoKey.GeogCitation]
    .map((k) => keys.get(k))
    .find((v): v is string => typeof v === 'string' && v.length > 0);
  return text ? ` "${text}"` : '';
}

function byCode(epsg: number): Crs {
  const crs = lookupCrs(epsg);
  if (!crs)
    throw refusedTiff(
      'unsupported_crs',
      `CRS EPSG:${epsg} is not supported (supported: ${SUPPORTED_CRS_SUMMARY})`,
    );
  return crs;
}

/** A UTM zone over WGS 84 written as ProjectionGeoKey 160zz/161zz, as its EPSG code. */
function utmProjection(keys: ReadonlyMap<number, GeoKeyValue>): number | null {
  const projection = code(keys, GeoKey.Projection);
  if (projection === null || code(keys, GeoKey.GeographicType) !== WGS84) return null;
  if (projection >= 16001 && projection <= 16060) return 32600 + (projection - 16000);
  if (projection >= 16101 && projection <= 16160) return 32700 + (projection - 16100);
  return null;
}

function userDefined(keys: ReadonlyMap<number, GeoKeyValue>, what: string): never {
  throw refusedTiff(
    'unsupported_crs',
    `user-defined ${what} CRS${citation(keys)} is not supported: an EPSG code is required (supported: ${SUPPORTED_CRS_SUMMARY})`,
  );
}

export function crsFromGeoKeys(keys: ReadonlyMap<number, GeoKeyValue>): Crs {
  const model = code(keys, GeoKey.GTModelType);
  const projected = code(keys, GeoKey.ProjectedCSType);
  const geographic = code(keys, GeoKey.GeographicType);
  if (model === MODEL_GEOCENTRIC) throw refusedTiff('unsupported_crs', 'geocentric CRS is not supported');
  if (model === MODEL_PROJECTED || (model === null && projected !== null)) {
    if (projected !== null && projected !== USER_DEFINED) return byCode(projected);
    const utm = utmProjection(keys);
    return utm !== null ? byCode(utm) : userDefined(keys, 'projected');
  }
  if (model === MODEL_GEOGRAPHIC || (model === null && geographic !== null)) {
    if (geographic !== null && geographic !== USER_DEFINED) return byCode(geographic);
    return userDefined(keys, 'geographic');
  }
  throw refusedTiff('unsupported_crs', `no CRS: GTModelTypeGeoKey is ${model ?? 'missing'}`);
}
