/**
 * Belcheer's sample formats (uint8, uint16, int16, float32) ↔ TIFF SampleFormat + BitsPerSample, and
 * a name for the combinations that are refused. The typed arrays are in raster/pixel.array.ts.
 * Reference: TIFF 6.0 §19 (SampleFormat 1 uint, 2 int, 3 IEEE float, 4 void, 5/6 complex), SPEC §2.1.
 */
import { BYTES_PER_SAMPLE } from '../raster/pixel.array.ts';
import type { SampleFormat } from '../raster/types.ts';
import { SampleFormatCode } from './tiff.tags.ts';

/** The TIFF SampleFormat code of each sample format; BitsPerSample is 8 × its bytes per sample. */
export const TIFF_SAMPLE_FORMAT: Readonly<Record<SampleFormat, number>> = {
  uint8: SampleFormatCode.Uint,
  uint16: SampleFormatCode.Uint,
  int16: SampleFormatCode.Int,
  float32: SampleFormatCode.Float,
};

const FORMATS = new Map<string, SampleFormat>(
  (Object.keys(TIFF_SAMPLE_FORMAT) as SampleFormat[]).map((f) => [
    `${TIFF_SAMPLE_FORMAT[f]}/${BYTES_PER_SAMPLE[f] * 8}`,
    f,
  ]),
);

/** The sample format of a TIFF (SampleFormat, BitsPerSample) pair, or null when unsupported. */
export function sampleFormatOf(tiffFormat: number, bits: number): SampleFormat | null {
  return FORMATS.get(`${tiffFormat}/${bits}`) ?? null;
}

/** "float64", "int8", "complex int16", "1-bit"… for messages. */
export function sampleTypeName(tiffFormat: number, bits: number): string {
  if (bits === 1) return '1-bit';
  const kinds: Record<number, string> = {
    1: 'uint',
    2: 'int',
    3: 'float',
    5: 'complex int',
    6: 'complex float',
  };
  const kind = kinds[tiffFormat];
  return kind ? `${kind}${bits}` : `SampleFormat ${tiffFormat} with ${bits} bits`;
}
