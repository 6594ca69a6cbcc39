/**
 * Hard limits applied while parsing a TIFF, so that a small hostile or broken file is refused from its
 * header before any large allocation or read. Reference: SPEC §2.1 (validation before heavy work).
 */
import { ValidationError } from '../errors.ts';

export interface TiffLimits {
  /** Declared width × height × bands of any image; the full-resolution image is the largest. */
  readonly maxSamples: number;
  /** SamplesPerPixel. */
  readonly maxBands: number;
  /** IFDs followed along the chain (full resolution, overviews, masks). */
  readonly maxIfds: number;
  /** Entries of one IFD. */
  readonly maxIfdEntries: number;
  /** Bytes of one tag value (e.g. the TileOffsets array). */
  readonly maxTagBytes: number;
  /** Decoded bytes of one tile or strip, and stored bytes of one tile or strip. */
  readonly maxBlockBytes: number;
  /** Pixels of one readWindow call. */
  readonly maxWindowPixels: number;
}

export const DEFAULT_TIFF_LIMITS: TiffLimits = Object.freeze({
  // 10 Gpx of RGBA (SPEC §5 ingest target), with room for 5-band multispectral at ~8 Gpx.
  maxSamples: 40e9,
  maxBands: 64,
  maxIfds: 256,
  maxIfdEntries: 1024,
  maxTagBytes: 64 * 1024 * 1024,
  maxBlockBytes: 256 * 1024 * 1024,
  maxWindowPixels: 64 * 1024 * 1024,
});

/** Defaults overridden by `overrides`; each limit must be a positive number. */
export function resolveLimits(overrides: Partial<TiffLimits> = {}): TiffLimits {
  const limits = { ...DEFAULT_TIFF_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!(typeof value === 'number' && value > 0)) {
      throw new ValidationError(`TIFF limit ${name} must be a positive number, got ${String(value)}`);
    }
  }
  return Object.freeze(limits);
}
