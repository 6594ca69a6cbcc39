/**
 * Argument checks shared by the domain formulas: each throws a ValidationError naming the quantity,
 * its value and the rule it breaks ("area_ha must be > 0, got -3").
 * Reference: STYLE.md "Errors".
 */
import { ValidationError } from '../errors.ts';

/** `value` must be a finite number > 0. */
export function requirePositive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new ValidationError(`${name} must be > 0, got ${value}`);
  return value;
}

/** `value` must be a finite number ≥ 0. */
export function requireNonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new ValidationError(`${name} must be ≥ 0, got ${value}`);
  return value;
}
