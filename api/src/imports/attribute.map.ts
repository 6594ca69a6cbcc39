/**
 * Which attribute of an imported feature gives each pasture-unit property: named by the caller
 * (`?map=name:NAME_MN,season:ULIRAL` or `?name_field=NAME_MN`), otherwise the first attribute whose
 * name (case-insensitive) is a common one for it — English, the 10-character Shapefile forms, and
 * Mongolian. Season and use values are read in English or Mongolian.
 * Reference: issue 7 "Import" (attribute mapping); SPEC §2.4 (seasons, uses).
 */
import { ValidationError } from '@belcheer/processing';
import { SEASONS, USES } from '../pasture-units/pasture.units.schemas.ts';

export const UNIT_FIELDS = ['name', 'soum', 'season', 'use', 'notes', 'reference_biomass_kg_ha'] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];
export type AttributeMap = Partial<Record<UnitField, string>>;

const COMMON: Record<UnitField, readonly string[]> = {
  name: ['name', 'name_mn', 'ner', 'нэр', 'unit_name', 'title'],
  soum: ['soum', 'soum_code', 'sum', 'sum_code', 'сум'],
  season: ['season', 'uliral', 'улирал'],
  use: ['use', 'land_use', 'landuse', 'ashiglalt', 'ашиглалт'],
  notes: ['notes', 'note', 'description', 'tailbar', 'тайлбар'],
  reference_biomass_kg_ha: ['reference_biomass_kg_ha', 'reference_', 'ref_biomass', 'ref_biomas'],
};

const SEASON_WORDS: Record<string, (typeof SEASONS)[number]> = {
  өвөл: 'winter',
  өвөлжөө: 'winter',
  хавар: 'spring',
  хаваржаа: 'spring',
  зун: 'summer',
  зуслан: 'summer',
  намар: 'autumn',
  намаржаа: 'autumn',
  нөөц: 'reserve',
  отор: 'reserve',
};
const USE_WORDS: Record<string, (typeof USES)[number]> = {
  бэлчээр: 'pasture',
  хадлан: 'hayfield',
  тариалан: 'cropland',
  уриншил: 'fallow',
};

/** `name:NAME_MN,season:ULIRAL` plus `<field>_field` parameters → the map; an unknown target is a 400. */
export function parseAttributeMap(map: string | undefined, fields: AttributeMap): AttributeMap {
  const out: AttributeMap = { ...fields };
  for (const pair of map ? map.split(',') : []) {
    const [target, source] = pair.split(':').map((s) => s.trim());
    if (!UNIT_FIELDS.includes(target as UnitField) || !source)
      throw new ValidationError(
        `map: "${pair}" is not property:attribute with a property of ${UNIT_FIELDS.join(', ')}`,
        undefined,
        'invalid_map',
      );
    out[target as UnitField] = source;
  }
  return out;
}

/** The value of `field` in `properties`: by the mapped attribute (which must exist), else a common name. */
export function attributeOf(
  properties: Readonly<Record<string, unknown>>,
  field: UnitField,
  map: AttributeMap,
): { value: unknown; from?: string; missing?: string } {
  const mapped = map[field];
  if (mapped !== undefined) {
    const key = Object.keys(properties).find((k) => k.toLowerCase() === mapped.toLowerCase());
    return key === undefined ? { value: undefined, missing: mapped } : { value: properties[key], from: key };
  }
  const key = Object.keys(properties).find((k) => COMMON[field].includes(k.toLowerCase()));
  return key === undefined ? { value: undefined } : { value: properties[key], from: key };
}

export function seasonOf(value: string): (typeof SEASONS)[number] | null {
  const v = value.trim().toLowerCase();
  return (SEASONS as readonly string[]).includes(v)
    ? (v as (typeof SEASONS)[number])
    : (SEASON_WORDS[v] ?? null);
}

export function useOf(value: string): (typeof USES)[number] | null {
  const v = value.trim().toLowerCase();
  return (USES as readonly string[]).includes(v) ? (v as (typeof USES)[number]) : (USE_WORDS[v] ?? null);
}
