/**
 * Groups the byte ranges of stored tiles or strips into fewer fetches: ranges sorted by offset are
 * merged while the gap between them is small and the merged range stays bounded, so a window over
 * a stripped file or a row of COG tiles costs a few range requests instead of one per block.
 * Reference: GDAL's multi-range reads of GTiff blocks (VSIFReadMultiRangeL), for the same reason.
 */

export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/** Gap in bytes that is cheaper to read through than to split into two requests. */
const MERGE_GAP_BYTES = 32 * 1024;
/** Largest merged fetch. */
const MERGE_MAX_BYTES = 8 * 1024 * 1024;

/** Merged ranges, each with the indices (into `ranges`) of the ranges it covers. */
export function mergeRanges(
  ranges: ReadonlyArray<ByteRange>,
  gap = MERGE_GAP_BYTES,
  maxBytes = MERGE_MAX_BYTES,
): Array<ByteRange & { readonly members: number[] }> {
  const order = ranges.map((_, i) => i).sort((a, b) => (ranges[a]?.offset ?? 0) - (ranges[b]?.offset ?? 0));
  const merged: Array<{ offset: number; length: number; members: number[] }> = [];
  for (const i of order) {
    const { offset, length } = ranges[i] ?? { offset: 0, length: 0 };
    const last = merged.at(-1);
    const end = Math.max(last ? last.offset + last.length : 0, offset + length);
    if (last && offset <= last.offset + last.length + gap && end - last.offset <= maxBytes) {
      last.length = end - last.offset;
      last.members.push(i);
    } else {
      merged.push({ offset, length, members: [i] });
    }
  }
  return merged;
}
