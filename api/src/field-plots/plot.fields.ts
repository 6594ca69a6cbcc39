/**
 * The fields of a field plot as they arrive in a CSV header or GeoJSON properties, and the aliases
 * each is recognised by. Names are compared after `normaliseName` (case, spaces, punctuation, ²).
 * Reference: issue 6 "Field plots" (accepted column names).
 */
import { ValidationError } from '@belcheer/processing';
import { BIOMASS_FIELDS, type BiomassField } from './biomass.fields.ts';

export const PLOT_FIELDS = [
  'lon',
  'lat',
  'date',
  ...(Object.keys(BIOMASS_FIELDS) as BiomassField[]),
  'fresh',
  'cover',
  'height',
  'notes',
  'name',
  'plot_size_m',
] as const;
export type PlotField = (typeof PLOT_FIELDS)[number];

const ALIASES: Readonly<Record<PlotField, readonly string[]>> = {
  lon: ['lon', 'lng', 'long', 'longitude', 'x'],
  lat: ['lat', 'latitude', 'y'],
  date: ['date', 'plot_date'],
  biomass_kg_ha: ['biomass_kg_ha', 'biomass_kgha'],
  biomass_g_m2: ['biomass_g_m2', 'biomass_gm2', 'biomass_g_per_m2'],
  biomass_c_ha: ['biomass_c_ha', 'biomass_cha', 'biomass_centner_ha'],
  fresh: ['fresh', 'biomass_fresh'],
  cover: ['cover', 'cover_pct', 'cover_percent', 'green_cover'],
  height: ['height', 'height_cm'],
  notes: ['notes', 'note', 'comment', 'comments'],
  name: ['name', 'plot', 'plot_name'],
  plot_size_m: ['plot_size_m', 'plot_size', 'size_m'],
};

/** "Biomass (g/m²)" → "biomass_g_m2": lower case, ² → 2, runs of other characters → one "_". */
export function normaliseName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/²/g, '2')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const BY_ALIAS: ReadonlyMap<string, PlotField> = new Map(
  PLOT_FIELDS.flatMap((field) => ALIASES[field].map((alias) => [alias, field] as const)),
);

/** The plot field a column or property name stands for, or undefined for an unknown name. */
export function plotFieldOf(name: string): PlotField | undefined {
  return BY_ALIAS.get(normaliseName(name));
}

/**
 * Maps each column name to its plot field (null for unknown columns, which are ignored); refuses two
 * columns for the same field. `where` names the source in messages ("column", "property").
 */
export function mapNames(names: readonly string[], where: string): (PlotField | null)[] {
  const seen = new Map<PlotField, string>();
  return names.map((name) => {
    const field = plotFieldOf(name);
    if (!field) return null;
    const other = seen.get(field);
    if (other !== undefined)
      throw new ValidationError(`${where}s "${other}" and "${name}" both give the plot's ${field}`);
    seen.set(field, name);
    return field;
  });
}

/** The aliases of a field, for messages ("lon, lng, long, longitude or x"). */
export function aliasesOf(field: PlotField): string {
  const names = ALIASES[field];
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names[0]!;
}
