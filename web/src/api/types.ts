/**
 * Shapes the web app reads from the API (SPEC §3), with parsers from `unknown`.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { ShapeError, num, record, str, strOrNull } from './guards.ts';

export interface Organisation {
  readonly id: string;
  readonly name: string;
}

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  /** One of admin, land_officer, agronomist, agency; kept as sent so a new role still shows. */
  readonly role: string;
  readonly organisation: Organisation;
}

export type AdminLevel = 'aimag' | 'soum';

export interface AdminUnitProperties {
  readonly code: string;
  readonly level: AdminLevel;
  readonly name_mn: string | null;
  readonly name_en: string;
  readonly parent_code: string | null;
  readonly area_ha: number;
}

export type AdminUnitFeature = Feature<Polygon | MultiPolygon, AdminUnitProperties>;
export type AdminUnitCollection = FeatureCollection<Polygon | MultiPolygon, AdminUnitProperties>;

export function parseUser(value: unknown, where = 'user'): User {
  const u = record(value, where);
  const org = record(u.organisation, `${where}.organisation`);
  return {
    id: str(u, 'id', where),
    email: str(u, 'email', where),
    name: str(u, 'name', where),
    role: str(u, 'role', where),
    organisation: {
      id: str(org, 'id', `${where}.organisation`),
      name: str(org, 'name', `${where}.organisation`),
    },
  };
}

function parseAdminUnitProperties(value: unknown, where: string): AdminUnitProperties {
  const p = record(value, where);
  const level = str(p, 'level', where);
  if (level !== 'aimag' && level !== 'soum') throw new ShapeError(`${where}.level is "${level}"`);
  return {
    code: str(p, 'code', where),
    level,
    name_mn: strOrNull(p, 'name_mn', where),
    name_en: str(p, 'name_en', where),
    parent_code: strOrNull(p, 'parent_code', where),
    area_ha: num(p, 'area_ha', where),
  };
}

/** Checks the collection and each feature's properties; coordinates are left to MapLibre. */
export function parseAdminUnits(value: unknown): AdminUnitCollection {
  const fc = record(value, 'admin units');
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new ShapeError('admin units is not a GeoJSON FeatureCollection');
  }
  const features = fc.features.map((f: unknown, i): AdminUnitFeature => {
    const where = `admin units.features[${i}]`;
    const feature = record(f, where);
    const geometry = record(feature.geometry, `${where}.geometry`);
    if (
      (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') ||
      !Array.isArray(geometry.coordinates)
    ) {
      throw new ShapeError(`${where}.geometry is not a Polygon or MultiPolygon`);
    }
    return {
      type: 'Feature',
      geometry: geometry as unknown as Polygon | MultiPolygon,
      properties: parseAdminUnitProperties(feature.properties, `${where}.properties`),
    };
  });
  return { type: 'FeatureCollection', features };
}
