/**
 * Validation of one field plot, whether it came from a CSV row, a GeoJSON feature or a POST: every
 * problem is reported with the field it concerns, so an import can answer errors by row. Biomass is
 * normalised to kg DM/ha (DOMAIN §4). A point must lie in Mongolia's rough extent; when swapping lon and
 * lat would put it there, the message says so.
 * Reference: issue 6 "Field plots"; DOMAIN.md §4, §8.
 */
import { toKgPerHa } from '@belcheer/processing';
import { BIOMASS_FIELDS, type BiomassField } from './biomass.fields.ts';
import { aliasesOf, type PlotField } from './plot.fields.ts';

export type RawValue = string | number | boolean | null | undefined;
export type RawPlot = Partial<Record<PlotField, RawValue>>;

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export interface PlotInput {
  readonly lon: number;
  readonly lat: number;
  /** YYYY-MM-DD. */
  readonly date: string;
  /** Clipped biomass in kg/ha; dry matter unless `fresh`. */
  readonly biomassKgHa: number | null;
  readonly fresh: boolean;
  readonly coverPct: number | null;
  readonly heightCm: number | null;
  /** Side of the clipped square, m (DOMAIN §4 default 1 m). */
  readonly plotSizeM: number;
  readonly notes: string | null;
  readonly name: string | null;
}

export type PlotCheck =
  { readonly ok: true; readonly plot: PlotInput } | { readonly ok: false; readonly errors: FieldError[] };

/** Mongolia's rough extent in degrees (issue 6): 87–120° E, 41–53° N. */
export const MONGOLIA_EXTENT = { west: 87, east: 120, south: 41, north: 53 } as const;
export const DEFAULT_PLOT_SIZE_M = 1;
const MAX_NAME = 200;
const MAX_NOTES = 4000;

export function inMongolia(lon: number, lat: number): boolean {
  const e = MONGOLIA_EXTENT;
  return lon >= e.west && lon <= e.east && lat >= e.south && lat <= e.north;
}

const isBlank = (v: RawValue): v is null | undefined | '' =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** Collects the errors of one plot while its fields are read. */
class PlotReader {
  readonly errors: FieldError[] = [];
  constructor(readonly raw: RawPlot) {}

  fail(field: string, message: string): null {
    this.errors.push({ field, message });
    return null;
  }

  /** A number (a decimal comma is accepted), null when blank. */
  number(field: PlotField, label: string): number | null {
    const v = this.raw[field];
    if (isBlank(v)) return null;
    const n =
      typeof v === 'number'
        ? v
        : typeof v === 'string'
          ? Number(v.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2'))
          : NaN;
    if (!Number.isFinite(n)) return this.fail(field, `${label} ${JSON.stringify(v)} is not a number`);
    return n;
  }

  text(field: PlotField, max: number): string | null {
    const v = this.raw[field];
    if (isBlank(v)) return null;
    const s = String(v).trim();
    return s.length > max ? this.fail(field, `${field} has ${s.length} characters; at most ${max}`) : s;
  }

  boolean(field: PlotField): boolean | null {
    const v = this.raw[field];
    if (isBlank(v)) return null;
    if (typeof v === 'boolean') return v;
    const s = String(v).trim().toLowerCase();
    if (['true', 'yes', 'y', '1', 't'].includes(s)) return true;
    if (['false', 'no', 'n', '0', 'f'].includes(s)) return false;
    return this.fail(field, `${field} ${JSON.stringify(v)} is not true/false (or yes/no, 1/0)`);
  }
}

function readPosition(r: PlotReader): { lon: number; lat: number } | null {
  const lon = r.number('lon', 'longitude');
  const lat = r.number('lat', 'latitude');
  for (const f of ['lon', 'lat'] as const)
    if (isBlank(r.raw[f]))
      r.fail(f, `${f === 'lon' ? 'longitude' : 'latitude'} is missing (${aliasesOf(f)})`);
  if (lon === null || lat === null) return null;
  const hint = inMongolia(lat, lon) ? '; looks like lon/lat are swapped' : '';
  const latOk = lat >= -90 && lat <= 90;
  const lonOk = lon >= -180 && lon <= 180;
  if (!latOk) r.fail('lat', `latitude ${lat} is out of range -90…90${hint}`);
  if (!lonOk) r.fail('lon', `longitude ${lon} is out of range -180…180${latOk ? hint : ''}`);
  if (!latOk || !lonOk) return null;
  if (!inMongolia(lon, lat)) {
    const e = MONGOLIA_EXTENT;
    return r.fail(
      'lon/lat',
      `point lon ${lon}, lat ${lat} is outside Mongolia (${e.west}–${e.east}° E, ${e.south}–${e.north}° N)${hint}`,
    );
  }
  return { lon, lat };
}

/** YYYY-MM-DD or DD.MM.YYYY, a real calendar day, not after `today`. */
function readDate(r: PlotReader, raw: RawValue, today: string): string | null {
  if (isBlank(raw)) return r.fail('date', 'date is missing (YYYY-MM-DD or DD.MM.YYYY)');
  const s = String(raw).trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) ?? /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (!m) return r.fail('date', `date "${s}" is neither YYYY-MM-DD nor DD.MM.YYYY`);
  const [y, mo, d] = s.includes('-') ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
  const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const t = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso)
    return r.fail('date', `date "${s}" is not a calendar day`);
  if (iso > today) return r.fail('date', `date ${iso} is in the future (today is ${today})`);
  return iso;
}

/** The biomass in kg/ha from whichever one biomass field is filled. */
function readBiomass(r: PlotReader): number | null {
  const given: [BiomassField, number][] = [];
  for (const field of Object.keys(BIOMASS_FIELDS) as BiomassField[]) {
    const v = r.number(field, field);
    if (v === null) continue;
    if (v < 0) r.fail(field, `${field} ${v} is negative`);
    else given.push([field, v]);
  }
  if (given.length > 1)
    return r.fail(
      'biomass',
      `only one biomass column per row: ${given.map(([f]) => f).join(' and ')} are filled`,
    );
  const [first] = given;
  return first ? toKgPerHa(first[1], BIOMASS_FIELDS[first[0]]) : null;
}

/** A number in [min, max] (max absent: only ≥ min), null when blank. */
function readRange(r: PlotReader, field: PlotField, min: number, max?: number): number | null {
  const v = r.number(field, field);
  if (v === null || (v >= min && (max === undefined || v <= max))) return v;
  return r.fail(
    field,
    max === undefined ? `${field} ${v} is below ${min}` : `${field} ${v} is out of range ${min}…${max}`,
  );
}

/** Checks one plot; `today` (YYYY-MM-DD) bounds the date. */
export function validatePlot(raw: RawPlot, today: string): PlotCheck {
  const r = new PlotReader(raw);
  const position = readPosition(r);
  const date = readDate(r, raw.date, today);
  const biomassKgHa = readBiomass(r);
  const coverPct = readRange(r, 'cover', 0, 100);
  const heightCm = readRange(r, 'height', 0);
  const plotSize = r.number('plot_size_m', 'plot_size_m');
  if (plotSize !== null && !(plotSize > 0 && plotSize <= 1000))
    r.fail('plot_size_m', `plot_size_m ${plotSize} is out of range (0…1000 m]`);
  const fresh = r.boolean('fresh');
  const notes = r.text('notes', MAX_NOTES);
  const name = r.text('name', MAX_NAME);
  if (r.errors.length > 0 || !position || !date) return { ok: false, errors: r.errors };
  return {
    ok: true,
    plot: {
      ...position,
      date,
      biomassKgHa,
      fresh: fresh ?? false,
      coverPct,
      heightCm,
      plotSizeM: plotSize ?? DEFAULT_PLOT_SIZE_M,
      notes,
      name,
    },
  };
}
