/**
 * The biomass fields a field plot may carry, each in its own unit. Values are converted to kg DM/ha,
 * the stored unit, by `toKgPerHa` of @belcheer/processing.
 * Reference: DOMAIN.md §4 (g/m² × 10 = kg/ha; centner/ha × 100 = kg/ha).
 */
import type { BiomassUnit } from '@belcheer/processing';

export const BIOMASS_FIELDS = {
  biomass_kg_ha: 'kg_per_ha',
  biomass_g_m2: 'g_per_m2',
  biomass_c_ha: 'centner_per_ha',
} as const satisfies Record<string, BiomassUnit>;

export type BiomassField = keyof typeof BIOMASS_FIELDS;
