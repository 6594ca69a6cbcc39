/**
 * Biomass units and their conversion to kg/ha, the unit of every stored biomass.
 * Reference: DOMAIN.md §4 (g/m² × 10 = kg/ha; centner/ha × 100 = kg/ha).
 */
import { ValidationError } from '../errors.ts';

/** 1 g/m² = 10 000 g/ha = 10 kg/ha (1 ha = 10 000 m², 1 kg = 1 000 g). */
export const G_PER_M2_TO_KG_PER_HA = 10;
/** 1 centner (центнер, ц) = 100 kg, so 1 c/ha = 100 kg/ha. */
export const CENTNER_PER_HA_TO_KG_PER_HA = 100;

export const BIOMASS_UNITS = ['kg_per_ha', 'g_per_m2', 'centner_per_ha'] as const;
export type BiomassUnit = (typeof BIOMASS_UNITS)[number];

const TO_KG_PER_HA: Readonly<Record<BiomassUnit, number>> = {
  kg_per_ha: 1,
  g_per_m2: G_PER_M2_TO_KG_PER_HA,
  centner_per_ha: CENTNER_PER_HA_TO_KG_PER_HA,
};

function factor(unit: string): number {
  const f = (TO_KG_PER_HA as Readonly<Record<string, number>>)[unit];
  if (f === undefined) {
    throw new ValidationError(`unknown biomass unit "${unit}", expected one of ${BIOMASS_UNITS.join(', ')}`);
  }
  return f;
}

/** A biomass value in `unit` expressed in kg/ha. */
export function toKgPerHa(value: number, unit: BiomassUnit): number {
  return value * factor(unit);
}

/** A biomass value in kg/ha expressed in `unit`. */
export function fromKgPerHa(kgPerHa: number, unit: BiomassUnit): number {
  return kgPerHa / factor(unit);
}
