/**
 * /api/pasture-units from the browser (SPEC §2.4, §3): list, create, change with If-Match (the
 * unit's ETag `"<id>-v<version>"`), soft delete, restore, history, and the import with its dry-run
 * report. A stale write is an ApiError 412 whose details carry the current version.
 */
import { ApiError, apiRequest } from '../api/client.ts';
import { isRecord, ShapeError } from '../api/guards.ts';
import type { MultiPolygon, Polygon, Position } from 'geojson';

export const SEASONS = ['winter', 'spring', 'summer', 'autumn', 'reserve'] as const;
export const USES = ['pasture', 'hayfield', 'cropland', 'fallow'] as const;
export type Season = (typeof SEASONS)[number];
export type Use = (typeof USES)[number];

export interface UnitAttributes {
  readonly name: string;
  readonly soum: string;
  readonly season: Season;
  readonly use: Use;
  readonly notes: string | null;
  readonly reference_biomass_kg_ha: number | null;
}

export interface UnitProperties extends UnitAttributes {
  readonly area_ha: number;
  readonly version: number;
  readonly created_at: string;
  readonly updated_at: string;
  readonly deleted_at: string | null;
}

export interface Unit {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: MultiPolygon;
  readonly properties: UnitProperties;
}

export interface HistoryEntry {
  readonly version: number;
  readonly action: 'create' | 'update' | 'delete' | 'restore' | 'import';
  readonly at: string;
  readonly user: { readonly id: string; readonly name: string } | null;
  readonly old_values: Readonly<Record<string, unknown>> | null;
  readonly new_values: Readonly<Record<string, unknown>> | null;
}

export interface ImportItem {
  readonly index: number;
  readonly name: string | null;
  readonly ok: boolean;
  readonly area_ha?: number;
  /** The new unit, once imported. */
  readonly id?: string;
  readonly errors: ReadonlyArray<{
    readonly code: string;
    readonly message: string;
    readonly location?: Position;
  }>;
}

export interface ImportReport {
  readonly dryRun: boolean;
  readonly format: string;
  readonly crs: string | null;
  readonly features: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly items: readonly ImportItem[];
}

function unit(value: unknown, where: string): Unit {
  if (
    !isRecord(value) ||
    typeof value.id !== 'string' ||
    !isRecord(value.properties) ||
    !isRecord(value.geometry)
  )
    throw new ShapeError(`${where} is not a pasture unit Feature`);
  if (typeof value.properties.version !== 'number')
    throw new ShapeError(`${where}.properties.version is missing`);
  return value as unknown as Unit;
}

function listOf<T>(value: unknown, key: string, where: string): T[] {
  if (!isRecord(value) || !Array.isArray(value[key])) throw new ShapeError(`${where}.${key} is not a list`);
  return value[key] as T[];
}

export const unitEtag = (u: Unit): string => `"${u.id}-v${u.properties.version}"`;
const ifMatch = (u: Unit) => ({ 'If-Match': unitEtag(u) });
const BASE = '/api/pasture-units';

export async function listUnits(includeDeleted: boolean): Promise<Unit[]> {
  const body = await apiRequest(`${BASE}${includeDeleted ? '?include_deleted=true' : ''}`);
  return listOf<unknown>(body, 'features', 'units').map((f, i) => unit(f, `units.features[${i}]`));
}

export async function getUnit(id: string): Promise<Unit> {
  return unit(await apiRequest(`${BASE}/${id}`), 'unit');
}

export async function createUnit(
  attributes: UnitAttributes,
  geometry: Polygon | MultiPolygon,
): Promise<Unit> {
  const body = { type: 'Feature', geometry, properties: attributes };
  return unit(await apiRequest(BASE, { method: 'POST', body }), 'unit');
}

/** PATCH with If-Match of `base`, the version the editor started from (the current one to overwrite). */
export async function patchUnit(
  base: Unit,
  change: { properties?: Partial<UnitAttributes>; geometry?: Polygon | MultiPolygon },
): Promise<Unit> {
  const body = { type: 'Feature', ...change };
  return unit(
    await apiRequest(`${BASE}/${base.id}`, { method: 'PATCH', body, headers: ifMatch(base) }),
    'unit',
  );
}

export async function deleteUnit(base: Unit): Promise<void> {
  await apiRequest(`${BASE}/${base.id}`, { method: 'DELETE', headers: ifMatch(base) });
}

export async function restoreUnit(base: Unit): Promise<Unit> {
  return unit(
    await apiRequest(`${BASE}/${base.id}/restore`, { method: 'POST', headers: ifMatch(base) }),
    'unit',
  );
}

export async function unitHistory(id: string): Promise<HistoryEntry[]> {
  return listOf<HistoryEntry>(await apiRequest(`${BASE}/${id}/history`), 'history', 'history');
}

export interface ImportOptions {
  readonly file: File;
  /** The soum of units whose file gives none. */
  readonly soum: string | null;
  /** The season and use of units whose file gives none (empty: the file must). */
  readonly defaults: Readonly<Partial<Record<'season' | 'use', string>>>;
  readonly dryRun: boolean;
  /** Which attribute of the file holds each unit property (empty: the property's own name). */
  readonly mapping: Readonly<Partial<Record<'name' | 'season' | 'use', string>>>;
}

function importReport(value: unknown, where: string): ImportReport {
  listOf<ImportItem>(value, 'items', where);
  return value as ImportReport;
}

/**
 * `POST /api/pasture-units/import?dry_run=&soum=&filename=&<key>_field=` with the raw file as the body
 * (api/src/imports/imports.schemas.ts). A real import refused for any feature is a 400
 * `invalid_features` whose details are the report: it is returned as the answer, nothing written.
 */
export async function importUnits(options: ImportOptions): Promise<ImportReport> {
  const { file, soum, dryRun, mapping, defaults } = options;
  const query = new URLSearchParams({ dry_run: String(dryRun), filename: file.name });
  for (const [key, value] of Object.entries({ soum, ...defaults })) if (value) query.set(key, value);
  for (const [key, value] of Object.entries(mapping))
    if (value?.trim()) query.set(`${key}_field`, value.trim());
  try {
    return importReport(
      await apiRequest(`${BASE}/import?${query}`, { method: 'POST', body: file }),
      'report',
    );
  } catch (err) {
    if (err instanceof ApiError && err.code === 'invalid_features' && isRecord(err.details))
      return importReport(err.details, 'error.details');
    throw err;
  }
}
