/**
 * The GDAL_NODATA tag (42113, text) as a value of the sample format. A value the format cannot hold
 * (Pix4D writes -10000 in uint8 files) declares nothing: the raster then has no nodata and its alpha
 * band, if any, is the mask — what GDAL does (GDALNoDataMaskBand::IsNoDataInRange).
 * Reference: GDAL GTiff driver, "Nodata value"; SPEC §2.1.
 */
import type { SampleFormat } from '../raster/types.ts';

const RANGES: Record<Exclude<SampleFormat, 'float32'>, readonly [number, number]> = {
  uint8: [0, 255],
  uint16: [0, 65535],
  int16: [-32768, 32767],
};

const FLOAT32_MAX = 3.4028234663852886e38;

function parse(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === 'nan') return Number.NaN;
  if (t === 'inf' || t === '+inf') return Infinity;
  if (t === '-inf') return -Infinity;
  const value = t === '' ? Number.NaN : Number(t);
  return Number.isNaN(value) ? null : value;
}

/** The nodata value as stored in `format` (float32-rounded), or null when absent or not representable. */
export function parseGdalNoData(text: string | null, format: SampleFormat): number | null {
  if (text === null) return null;
  const value = parse(text);
  if (value === null) return null;
  if (format === 'float32') {
    if (Number.isNaN(value) || !Number.isFinite(value)) return value;
    return Math.abs(value) <= FLOAT32_MAX ? Math.fround(value) : null;
  }
  const [min, max] = RANGES[format];
  return Number.isInteger(value) && value >= min && value <= max ? value : null;
}
