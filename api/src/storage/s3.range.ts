/**
 * Holding a ranged GET to the range that was asked. Some S3-compatible servers answer more than the
 * range (the whole object with 200, or a wider 206 — s3rver does for `bytes=0-0`); using such an
 * answer as is would shift every byte after it. The answer's Content-Range says where it starts, and
 * the bytes before the asked start and after its end are dropped.
 * Reference: RFC 9110 §14.4 (Content-Range), §15.3.7 (206 Partial Content).
 */
import { Transform, type TransformCallback } from 'node:stream';

/** First byte of an answer: from `Content-Range: bytes a-b/n`, or 0 when absent (a whole object). */
export function answeredStart(contentRange: string | undefined, asked: string): number {
  if (contentRange === undefined) return 0;
  const match = /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(contentRange.trim());
  if (!match) throw new Error(`GET ${asked}: unreadable Content-Range "${contentRange}"`);
  return Number(match[1]);
}

/** `bytes` cut to [start, start+length) given that they begin at `answered`. */
export function trimBytes(bytes: Uint8Array, answered: number, start: number, length: number): Uint8Array {
  const skip = start - answered;
  if (skip < 0) throw new Error(`ranged GET answered from byte ${answered}, after the asked ${start}`);
  return skip === 0 && bytes.length <= length ? bytes : bytes.subarray(skip, skip + length);
}

/** A stream that drops `skip` bytes, passes `take` bytes, and drops the rest. */
export class RangeTrim extends Transform {
  constructor(
    private toSkip: number,
    private toKeep: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let piece = chunk;
    if (this.toSkip > 0) {
      const dropped = Math.min(this.toSkip, piece.length);
      this.toSkip -= dropped;
      piece = piece.subarray(dropped);
    }
    if (this.toKeep > 0 && piece.length > 0) {
      const kept = piece.subarray(0, this.toKeep);
      this.toKeep -= kept.length;
      callback(null, kept);
      return;
    }
    callback();
  }
}
