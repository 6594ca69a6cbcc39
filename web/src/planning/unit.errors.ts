/**
 * What a failed unit write means for the page: a 412 (someone else saved first), a geometry refused
 * at a location (SPEC §3 error details `location` [lon, lat]), or a message to show.
 */
import type { Position } from 'geojson';
import { ApiError } from '../api/client.ts';
import { isRecord } from '../api/guards.ts';

export type WriteFailure =
  | { readonly kind: 'stale' }
  | { readonly kind: 'invalid'; readonly message: string; readonly location: Position | null }
  | { readonly kind: 'other'; readonly message: string };

export function writeFailure(err: unknown): WriteFailure {
  if (err instanceof ApiError && err.status === 412) return { kind: 'stale' };
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof ApiError && err.status === 400) {
    const at = isRecord(err.details) ? err.details.location : undefined;
    const location =
      Array.isArray(at) && at.length >= 2 && at.every((v) => typeof v === 'number') ? (at as Position) : null;
    return { kind: 'invalid', message, location };
  }
  return { kind: 'other', message };
}
