/**
 * The display name of an aimag or soum in a language: soums may lack a Mongolian name (the shipped
 * boundaries only have Latin names for some), so each language falls back to the other.
 */
import type { AdminUnitProperties } from '../api/types.ts';
import type { Lang } from '../i18n/i18n.ts';

export function unitName(unit: Pick<AdminUnitProperties, 'name_mn' | 'name_en'>, lang: Lang): string {
  return lang === 'mn' ? (unit.name_mn ?? unit.name_en) : unit.name_en || (unit.name_mn ?? '');
}

/** Ulaanbaatar's P-code: its second-level units are districts (дүүрэг), not soums. */
export const CAPITAL_CODE = 'MN11';
