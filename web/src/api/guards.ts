/**
 * Narrowing of `unknown` JSON from the API into the app's types. Each parser throws a
 * ShapeError that names the first field that is wrong.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The answer did not have the shape the app expects. */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

export function field(obj: Record<string, unknown>, key: string, where: string): unknown {
  if (!(key in obj)) throw new ShapeError(`${where}.${key} is missing`);
  return obj[key];
}

export function str(obj: Record<string, unknown>, key: string, where: string): string {
  const v = field(obj, key, where);
  if (typeof v !== 'string') throw new ShapeError(`${where}.${key} is not a string`);
  return v;
}

export function strOrNull(obj: Record<string, unknown>, key: string, where: string): string | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new ShapeError(`${where}.${key} is not a string or null`);
  return v;
}

export function num(obj: Record<string, unknown>, key: string, where: string): number {
  const v = field(obj, key, where);
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ShapeError(`${where}.${key} is not a number`);
  return v;
}

export function record(value: unknown, where: string): Record<string, unknown> {
  if (!isRecord(value)) throw new ShapeError(`${where} is not an object`);
  return value;
}

export function numOrNull(obj: Record<string, unknown>, key: string, where: string): number | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ShapeError(`${where}.${key} is not a number`);
  return v;
}

export function strArray(obj: Record<string, unknown>, key: string, where: string): string[] | null {
  const v = obj[key];
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
    throw new ShapeError(`${where}.${key} is not a list of strings`);
  return v as string[];
}
