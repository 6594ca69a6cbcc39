/**
 * Every check of one imported pasture unit, all problems collected (not only the first): the mapped
 * properties (name, soum, season, use, notes, reference biomass), the geometry — polygonal, axes not
 * swapped (lat/lon that lies in Mongolia only when swapped), then `checkUnitGeometry` of the pasture
 * units (ranges, closed rings, self-intersection, PostGIS ST_IsValidDetail, each with its location) —,
 * at least half of it inside its soum's polygon, and a name not used twice in the file nor by a unit of
 * the organisation in that soum. A checked unit carries the values the pasture-units repository writes.
 * Reference: issue 7 "Import"; SPEC §2.4.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { ValidationError } from '@belcheer/processing';
import type { Queryable } from '../db/db.ts';
import { checkUnitGeometry } from '../pasture-units/pasture.unit.geometry.ts';
import { soumExists, type UnitValues } from '../pasture-units/pasture.units.repository.ts';
import { attributeOf, seasonOf, useOf, type AttributeMap, type UnitField } from './attribute.map.ts';
import type { FeatureProblem, SourceFeature } from './import.source.ts';
import { soumFit, unitNamesIn } from './imports.repository.ts';

/** Mongolia's extent with a margin, [minLon, minLat, maxLon, maxLat]. */
const MONGOLIA = [87, 41, 120.5, 52.5] as const;
/** A unit must lie at least this share inside its soum. */
const MIN_INSIDE = 0.5;

export interface UnitDefaults {
  readonly soum?: string;
  readonly season?: string;
  readonly use?: string;
}

export interface CheckedUnit {
  readonly name: string | null;
  readonly problems: FeatureProblem[];
  readonly areaHa?: number;
  /** Present when there is no problem. */
  readonly values?: UnitValues;
}

const text = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v.trim() || null : String(v);

function* positions(c: unknown): Generator<Position> {
  if (!Array.isArray(c)) return;
  if (typeof c[0] === 'number') yield c as Position;
  else for (const x of c) yield* positions(x);
}

const inMongolia = (x: number, y: number) =>
  x >= MONGOLIA[0] && x <= MONGOLIA[2] && y >= MONGOLIA[1] && y <= MONGOLIA[3];

/** Polygon/MultiPolygon as is; a GeometryCollection of them (KML MultiGeometry) as one MultiPolygon. */
function polygonal(geometry: unknown): { geometry?: unknown; problem?: FeatureProblem } {
  const g = geometry as { type?: unknown; geometries?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object')
    return { problem: { code: 'missing_geometry', message: 'the feature has no geometry' } };
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return { geometry: g };
  const parts = Array.isArray(g.geometries)
    ? (g.geometries as { type?: unknown; coordinates?: unknown }[])
    : null;
  if (parts && parts.length > 0 && parts.every((p) => p?.type === 'Polygon' || p?.type === 'MultiPolygon'))
    return {
      geometry: {
        type: 'MultiPolygon',
        coordinates: parts.flatMap((p) =>
          p.type === 'Polygon' ? [p.coordinates] : (p.coordinates as unknown[]),
        ),
      },
    };
  return {
    problem: {
      code: 'not_polygonal',
      message: `the geometry is a ${String(g.type)}; a pasture unit needs a Polygon or MultiPolygon`,
    },
  };
}

/** lat/lon given as lon/lat: some position lies outside Mongolia, every one lies inside once swapped. */
function swappedAxes(geometry: unknown): FeatureProblem | null {
  const all = [...positions((geometry as { coordinates?: unknown }).coordinates)];
  const outside = all.find(([x, y]) => !inMongolia(x!, y!));
  if (!outside || !all.every(([x, y]) => inMongolia(y!, x!))) return null;
  return {
    code: 'axis_swapped',
    message: `coordinate (${outside[0]}, ${outside[1]}) lies outside Mongolia but inside it with the axes swapped: the file gives latitude, longitude — GeoJSON, KML and WKT want longitude first`,
    location: [outside[1]!, outside[0]!],
  };
}

function geometryProblem(err: ValidationError): FeatureProblem {
  const d = (err.details ?? {}) as { reason?: unknown; location?: unknown };
  const location = Array.isArray(d.location) ? (d.location as Position) : undefined;
  return {
    code: typeof d.reason === 'string' ? d.reason : err.code,
    message: err.message,
    ...(location ? { location } : {}),
  };
}

export function createUnitChecker(
  db: Queryable,
  organisationId: string,
  map: AttributeMap,
  defaults: UnitDefaults,
) {
  const soums = new Map<string, Promise<boolean>>();
  const existing = new Map<string, Promise<Set<string>>>();
  const seen = new Map<string, number>();

  function property(f: SourceFeature, field: UnitField, problems: FeatureProblem[]): string | null {
    const { value, missing } = attributeOf(f.properties, field, map);
    if (missing)
      problems.push({
        code: 'missing_attribute',
        message: `the attribute "${missing}" mapped to ${field} is missing`,
      });
    return text(value);
  }

  async function checkSoum(soum: string | null, problems: FeatureProblem[]): Promise<string | null> {
    if (!soum) {
      problems.push({ code: 'missing_soum', message: 'no soum: give ?soum= or a soum attribute' });
      return null;
    }
    if (!soums.has(soum)) soums.set(soum, soumExists(db, soum));
    if (await soums.get(soum)) return soum;
    problems.push({ code: 'unknown_soum', message: `no soum has the code ${soum}` });
    return null;
  }

  async function checkName(
    name: string | null,
    soum: string | null,
    index: number,
    problems: FeatureProblem[],
  ) {
    if (!name) return void problems.push({ code: 'missing_name', message: 'the unit has no name' });
    if (name.length > 200)
      problems.push({ code: 'invalid_name', message: 'the name is longer than 200 characters' });
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined)
      problems.push({
        code: 'duplicate_name',
        message: `the name "${name}" is also that of feature ${first + 1} in the file`,
      });
    else seen.set(key, index);
    if (!soum) return;
    if (!existing.has(soum)) existing.set(soum, unitNamesIn(db, organisationId, soum));
    if ((await existing.get(soum))!.has(key))
      problems.push({
        code: 'duplicate_name',
        message: `a pasture unit named "${name}" already exists in soum ${soum}`,
      });
  }

  function enumerated<T>(
    raw: string | null,
    field: 'season' | 'use',
    parse: (v: string) => T | null,
    problems: FeatureProblem[],
  ): T | null {
    if (!raw) {
      problems.push({
        code: `missing_${field}`,
        message: `no ${field}: give ?${field}= or a ${field} attribute`,
      });
      return null;
    }
    const value = parse(raw);
    if (value === null)
      problems.push({
        code: `invalid_${field}`,
        message: `${field} "${raw}" is not one of the accepted values`,
      });
    return value;
  }

  async function checkGeometry(f: SourceFeature, soum: string | null, problems: FeatureProblem[]) {
    const shape = polygonal(f.geometry);
    if (shape.problem) return void problems.push(shape.problem);
    const swapped = swappedAxes(shape.geometry);
    if (swapped) return void problems.push(swapped);
    let geometry: MultiPolygon;
    try {
      geometry = await checkUnitGeometry(db, shape.geometry as Polygon | MultiPolygon);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return void problems.push(geometryProblem(err));
    }
    if (!soum) return { geometry };
    const fit = await soumFit(db, soum, geometry);
    if (fit && fit.inside < MIN_INSIDE)
      problems.push({
        code: 'outside_soum',
        message: `only ${(fit.inside * 100).toFixed(1)}% of the unit lies inside soum ${soum}`,
        location: fit.at,
      });
    return { geometry, areaHa: fit?.areaHa };
  }

  return async function check(f: SourceFeature): Promise<CheckedUnit> {
    const problems: FeatureProblem[] = f.problem ? [f.problem] : [];
    const name = property(f, 'name', problems);
    const soum = await checkSoum(property(f, 'soum', problems) ?? defaults.soum ?? null, problems);
    const season = enumerated(
      property(f, 'season', problems) ?? defaults.season ?? null,
      'season',
      seasonOf,
      problems,
    );
    const use = enumerated(property(f, 'use', problems) ?? defaults.use ?? null, 'use', useOf, problems);
    const notes = property(f, 'notes', problems);
    const biomassText = property(f, 'reference_biomass_kg_ha', problems);
    const referenceBiomass = biomassText === null ? null : Number(biomassText);
    if (referenceBiomass !== null && !(referenceBiomass > 0 && referenceBiomass <= 100_000))
      problems.push({
        code: 'invalid_reference_biomass',
        message: `reference biomass "${biomassText}" is not a number in (0, 100000] kg/ha`,
      });
    await checkName(name, soum, f.index, problems);
    const shape = f.problem ? undefined : await checkGeometry(f, soum, problems);
    const base = { name, problems, ...(shape?.areaHa !== undefined ? { areaHa: shape.areaHa } : {}) };
    if (problems.length > 0 || !shape || !name || !soum || !season || !use) return base;
    return {
      ...base,
      values: { name, soum, season, use, notes, referenceBiomass, geometry: shape.geometry },
    };
  };
}
