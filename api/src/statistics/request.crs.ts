/**
 * The CRS of input GeoJSON: RFC 7946 says WGS 84 lon/lat; the 2008 `crs` member ({"type":"name",
 * "properties":{"name":"EPSG:32648" | "urn:ogc:def:crs:EPSG::32648" | "urn:ogc:def:crs:OGC:1.3:CRS84"}})
 * is still honoured for the CRSs Belcheer knows. Anything else is refused, never guessed.
 * Reference: RFC 7946 §4; GeoJSON 2008 §3; processing/src/geo/crs.ts.
 */
import { ValidationError, type Crs } from '@belcheer/processing';
import { lookupCrs, SUPPORTED_CRS_SUMMARY } from '../../../processing/src/geo/crs.ts';

const WGS84 = lookupCrs(4326)!;
const CRS84 = /^urn:ogc:def:crs:OGC:(1\.3)?:CRS84$/i;
const EPSG = /^(?:EPSG:|urn:ogc:def:crs:EPSG:[^:]*:)(\d{1,6})$/i;

/** The CRS named by a GeoJSON `crs` member (absent → WGS 84). */
export function requestCrs(member: unknown): Crs {
  if (member === undefined || member === null) return WGS84;
  const props = (member as { properties?: { name?: unknown } }).properties;
  const name = typeof props?.name === 'string' ? props.name.trim() : '';
  if (CRS84.test(name)) return WGS84;
  const code = EPSG.exec(name)?.[1];
  const crs = code ? lookupCrs(Number(code)) : null;
  if (!crs) {
    throw new ValidationError(
      `crs ${JSON.stringify(name || member)} cannot be resolved (accepted: ${SUPPORTED_CRS_SUMMARY}, as "EPSG:n")`,
      { crs: member },
      'unsupported_crs',
    );
  }
  return crs;
}
