/**
 * HTTP byte ranges (RFC 9110 §14): the single range GDAL's /vsicurl/ and browsers send.
 */

export type RangeResult = { readonly start: number; readonly end: number } | 'unsatisfiable' | null;

/**
 * Parses a `Range` header against a resource of `size` bytes: the inclusive range to send, null to
 * send the whole resource (no header, another unit, or several ranges), or 'unsatisfiable' (→ 416).
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, a, b] = match;
  if (a === '' && b === '') return null;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
