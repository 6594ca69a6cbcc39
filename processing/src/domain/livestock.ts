/**
 * Livestock in sheep units (SU, хонин толгой): head × the species' conversion factor.
 * Reference: DOMAIN.md §5 — National Statistics Office of Mongolia (NSO) conversion factors. The older
 * "bod" unit is a different scale and is never used here.
 */
import { ValidationError } from '../errors.ts';
import { requireNonNegative } from './validate.ts';

export const SPECIES = ['horse', 'cattle', 'yak', 'camel', 'sheep', 'goat'] as const;
export type Species = (typeof SPECIES)[number];

/** SU per head. Source: NSO of Mongolia livestock conversion (DOMAIN §5); yak is counted with cattle. */
export const SHEEP_UNIT_FACTORS: Readonly<Record<Species, number>> = {
  horse: 7,
  cattle: 6,
  yak: 6,
  camel: 5,
  sheep: 1,
  goat: 0.9,
};

/** Head count by species; species left out count as 0. */
export type Herd = Readonly<Partial<Record<string, number>>>;

/** SU per head of `species`; an unknown species is a ValidationError. */
export function sheepUnitFactor(species: string): number {
  const f = (SHEEP_UNIT_FACTORS as Readonly<Record<string, number>>)[species];
  if (f === undefined) {
    throw new ValidationError(
      `unknown livestock species "${species}", expected one of ${SPECIES.join(', ')}`,
    );
  }
  return f;
}

/** Sheep units of a herd: Σ head × SU factor. Head counts must be ≥ 0. */
export function sheepUnits(herd: Herd): number {
  let su = 0;
  for (const [species, head] of Object.entries(herd)) {
    if (head === undefined) continue;
    su += requireNonNegative(`head of ${species}`, head) * sheepUnitFactor(species);
  }
  return su;
}
