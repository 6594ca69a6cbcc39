/**
 * Pasture recovery classes I–V, the stocking reduction each applies to capacity, and the class of a
 * unit from drone data: its biomass (or cover when uncalibrated) as a fraction of the reference of its
 * ecological zone. Reference: DOMAIN.md §6 — National Report on the Rangeland Health of Mongolia
 * (NR2015) for the classes and reductions; the fraction bands are a Belcheer default.
 */
import { requireNonNegative, requirePositive } from './validate.ts';

export const RECOVERY_CLASSES = ['I', 'II', 'III', 'IV', 'V'] as const;
export type RecoveryClass = (typeof RECOVERY_CLASSES)[number];

/** Share of capacity removed per class (NR2015, DOMAIN §6): I 0 %, II 5 %, III 10 %, IV and V 15 %. */
export const STOCKING_REDUCTION: Readonly<Record<RecoveryClass, number>> = {
  I: 0,
  II: 0.05,
  III: 0.1,
  IV: 0.15,
  V: 0.15,
};

/** A class applies when value ÷ reference ≥ `min` (bands in decreasing order of `min`). */
export interface RecoveryBand {
  readonly cls: RecoveryClass;
  readonly min: number;
}

/**
 * Configurable default (DOMAIN §6, **default**, not a published constant): ≥ 0.8 → I, [0.6, 0.8) → II,
 * [0.4, 0.6) → III, [0.2, 0.4) → IV, < 0.2 → V. A boundary belongs to the better class.
 */
export const DEFAULT_RECOVERY_BANDS: ReadonlyArray<RecoveryBand> = [
  { cls: 'I', min: 0.8 },
  { cls: 'II', min: 0.6 },
  { cls: 'III', min: 0.4 },
  { cls: 'IV', min: 0.2 },
  { cls: 'V', min: -Infinity },
];

/** Capacity multiplier of a class: 1 − its stocking reduction; no class → 1. */
export function capacityFactor(cls: RecoveryClass | null | undefined): number {
  return cls ? 1 - STOCKING_REDUCTION[cls] : 1;
}

/** Class of a unit whose biomass (or cover) is `value` against `reference`; no reference → null. */
export function recoveryClass(
  value: number,
  reference: number | null | undefined,
  bands: ReadonlyArray<RecoveryBand> = DEFAULT_RECOVERY_BANDS,
): RecoveryClass | null {
  if (reference === null || reference === undefined) return null;
  const ratio = requireNonNegative('value', value) / requirePositive('reference', reference);
  return bands.find((b) => ratio >= b.min)?.cls ?? null;
}
