/**
 * A survey as GET /api/surveys[/{id}] sends it (SPEC §3), narrowed from `unknown`. Optional fields
 * of the wire shape become `null` here, so components test one thing.
 */
import type { MultiPolygon } from 'geojson';
import { ShapeError, num, numOrNull, record, str, strArray, strOrNull } from './guards.ts';

export const SURVEY_STATUSES = ['created', 'uploading', 'queued', 'processing', 'ready', 'failed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export const SURVEY_KINDS = ['rgb', 'multispectral'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** Band names the API knows (SPEC §3), in the order the band editor offers them. */
export const BAND_NAMES = ['blue', 'green', 'red', 'rededge', 'nir', 'alpha', 'dsm', 'other'] as const;
export type BandName = (typeof BAND_NAMES)[number];

/** [west, south, east, north] in EPSG:4326. */
export type Bbox = readonly [number, number, number, number];

export interface SurveyCrs {
  readonly epsg: number | null;
  readonly name: string;
  readonly proj4: string;
}

export interface SurveySource {
  readonly filename: string;
  readonly size: number;
  readonly sha256: string | null;
}

export interface Survey {
  readonly id: string;
  readonly name: string;
  /** YYYY-MM-DD, the day of the flight. */
  readonly date: string;
  readonly kind: SurveyKind;
  readonly status: SurveyStatus;
  /** 0–100 */
  readonly progress: number;
  readonly error: string | null;
  readonly soum: string | null;
  readonly organisation: { readonly id: string; readonly name: string };
  readonly version: number;
  readonly footprint: MultiPolygon | null;
  readonly bbox: Bbox | null;
  readonly crs: SurveyCrs | null;
  /** Ground sample distance in metres. */
  readonly gsd: number | null;
  readonly width: number | null;
  readonly height: number | null;
  /** Band names in file order; kept as sent, so a name added to the API later still shows. */
  readonly bands: readonly string[] | null;
  readonly sampleFormat: string | null;
  readonly products: readonly string[];
  readonly source: SurveySource | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Statuses in which the survey changes on its own and is worth asking about again. */
export function isActive(status: SurveyStatus): boolean {
  return status === 'uploading' || status === 'queued' || status === 'processing';
}

function oneOf<T extends string>(values: readonly T[], value: string, where: string): T {
  if (!(values as readonly string[]).includes(value)) throw new ShapeError(`${where} is "${value}"`);
  return value as T;
}

function parseBbox(value: unknown, where: string): Bbox | null {
  if (value === undefined || value === null) return null;
  if (
    !Array.isArray(value) ||
    value.length !== 4 ||
    value.some((v) => typeof v !== 'number' || !Number.isFinite(v))
  )
    throw new ShapeError(`${where} is not four numbers`);
  const [w, s, e, n] = value as number[];
  return [w ?? 0, s ?? 0, e ?? 0, n ?? 0];
}

function parseFootprint(value: unknown, where: string): MultiPolygon | null {
  if (value === undefined || value === null) return null;
  const g = record(value, where);
  if (g.type !== 'MultiPolygon' || !Array.isArray(g.coordinates))
    throw new ShapeError(`${where} is not a GeoJSON MultiPolygon`);
  return g as unknown as MultiPolygon;
}

function parseCrs(value: unknown, where: string): SurveyCrs | null {
  if (value === undefined || value === null) return null;
  const c = record(value, where);
  return { epsg: numOrNull(c, 'epsg', where), name: str(c, 'name', where), proj4: str(c, 'proj4', where) };
}

function parseSource(value: unknown, where: string): SurveySource | null {
  if (value === undefined || value === null) return null;
  const s = record(value, where);
  return {
    filename: str(s, 'filename', where),
    size: num(s, 'size', where),
    sha256: strOrNull(s, 'sha256', where),
  };
}

export function parseSurvey(value: unknown, where = 'survey'): Survey {
  const s = record(value, where);
  const org = record(s.organisation, `${where}.organisation`);
  return {
    id: str(s, 'id', where),
    name: str(s, 'name', where),
    date: str(s, 'date', where),
    kind: oneOf(SURVEY_KINDS, str(s, 'kind', where), `${where}.kind`),
    status: oneOf(SURVEY_STATUSES, str(s, 'status', where), `${where}.status`),
    progress: num(s, 'progress', where),
    error: strOrNull(s, 'error', where),
    soum: strOrNull(s, 'soum', where),
    organisation: {
      id: str(org, 'id', `${where}.organisation`),
      name: str(org, 'name', `${where}.organisation`),
    },
    version: num(s, 'version', where),
    footprint: parseFootprint(s.footprint, `${where}.footprint`),
    bbox: parseBbox(s.bbox, `${where}.bbox`),
    crs: parseCrs(s.crs, `${where}.crs`),
    gsd: numOrNull(s, 'gsd', where),
    width: numOrNull(s, 'width', where),
    height: numOrNull(s, 'height', where),
    bands: strArray(s, 'bands', where),
    sampleFormat: strOrNull(s, 'sampleFormat', where),
    products: strArray(s, 'products', where) ?? [],
    source: parseSource(s.source, `${where}.source`),
    createdAt: str(s, 'createdAt', where),
    updatedAt: str(s, 'updatedAt', where),
  };
}

export function parseSurveyList(value: unknown): Survey[] {
  const body = record(value, 'surveys');
  if (!Array.isArray(body.surveys)) throw new ShapeError('surveys.surveys is not a list');
  return body.surveys.map((s: unknown, i) => parseSurvey(s, `surveys[${i}]`));
}
