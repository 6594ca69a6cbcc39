/**
 * Livestock in sheep units (SU) for the plan editor's live totals: head × the species' factor.
 * Reference: DOMAIN.md §5 — National Statistics Office of Mongolia conversion (horse 7, cattle 6,
 * camel 5, sheep 1, goat 0.9); the server's plan answer gives each group's SU after a save.
 */
export const SPECIES = ['horse', 'cattle', 'camel', 'sheep', 'goat'] as const;
export type Species = (typeof SPECIES)[number];
export type Livestock = Readonly<Record<Species, number>>;

/** SU per head (NSO of Mongolia, DOMAIN §5). */
export const SHEEP_UNIT_FACTORS: Livestock = { horse: 7, cattle: 6, camel: 5, sheep: 1, goat: 0.9 };

/** Kg of dry matter one SU eats a day (DOMAIN §6). */
export const DAILY_INTAKE_KG_PER_SU = 1.4;

export const NO_LIVESTOCK: Livestock = { horse: 0, cattle: 0, camel: 0, sheep: 0, goat: 0 };

/** Σ head × factor; empty or negative counts (a half-typed field) count as 0. */
export function sheepUnits(livestock: Livestock): number {
  return SPECIES.reduce((su, s) => su + Math.max(0, livestock[s] || 0) * SHEEP_UNIT_FACTORS[s], 0);
}
