/**
 * Biomass unit conversions to kg DM/ha, the unit field plots are stored in.
 * Reference: DOMAIN.md §4 ("g/m² × 10 = kg/ha; centner/ha × 100 = kg/ha"): 1 ha = 10 000 m² and
 * 1 kg = 1 000 g, so 1 g/m² = 10 000 g/ha = 10 kg/ha; a centner is 100 kg.
 * Kept here until `processing/src/domain/units.ts` exports the same constants.
 */

export const G_PER_M2_TO_KG_PER_HA = 10;
export const CENTNER_PER_HA_TO_KG_PER_HA = 100;

/** The units a plot's biomass may be given in, with the factor that turns each into kg/ha. */
export const BIOMASS_UNITS = {
  biomass_kg_ha: 1,
  biomass_g_m2: G_PER_M2_TO_KG_PER_HA,
  biomass_c_ha: CENTNER_PER_HA_TO_KG_PER_HA,
} as const;

export type BiomassField = keyof typeof BIOMASS_UNITS;
