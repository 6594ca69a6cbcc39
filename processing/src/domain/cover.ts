/**
 * Classes of green cover % for the `cover` product and the unit report, with labels in Mongolian and
 * English. Reference: DOMAIN.md §3 — the class limits are a configurable Belcheer **default**.
 */
import { ValidationError } from '../errors.ts';

export interface CoverClass {
  /** Lower limit, %, inclusive (the last class also includes its upper limit, 100). */
  readonly min: number;
  readonly max: number;
  readonly label: { readonly mn: string; readonly en: string };
}

/** Configurable default (DOMAIN §3): 0–10, 10–25, 25–50, 50–75, 75–100 %. */
export const DEFAULT_COVER_CLASSES: ReadonlyArray<CoverClass> = [
  { min: 0, max: 10, label: { mn: 'Маш сийрэг', en: 'Very sparse' } },
  { min: 10, max: 25, label: { mn: 'Сийрэг', en: 'Sparse' } },
  { min: 25, max: 50, label: { mn: 'Дунд', en: 'Moderate' } },
  { min: 50, max: 75, label: { mn: 'Шигүү', en: 'Dense' } },
  { min: 75, max: 100, label: { mn: 'Маш шигүү', en: 'Very dense' } },
];

/** Index of the class holding `pct` (0–100): lower limits inclusive, so 10 % is class 1 and 100 % class 4. */
export function coverClassIndex(
  pct: number,
  classes: ReadonlyArray<CoverClass> = DEFAULT_COVER_CLASSES,
): number {
  if (!(pct >= 0 && pct <= 100)) throw new ValidationError(`cover must be within 0–100 %, got ${pct}`);
  for (let i = classes.length - 1; i >= 0; i--) if (pct >= classes[i]!.min) return i;
  throw new ValidationError(`no cover class holds ${pct} %`);
}

/** Label of a cover class, e.g. "25–50 % Moderate". */
export function coverClassLabel(
  index: number,
  lang: 'mn' | 'en',
  classes: ReadonlyArray<CoverClass> = DEFAULT_COVER_CLASSES,
): string {
  const c = classes[index];
  if (!c) throw new ValidationError(`cover class ${index} of ${classes.length} requested`);
  return `${c.min}–${c.max} % ${c.label[lang]}`;
}
