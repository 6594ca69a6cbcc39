/**
 * Band names in file order from, by priority: the alpha band (ExtraSamples), the band description
 * (GDAL_METADATA), GDAL's colour interpretation item, and PhotometricInterpretation RGB for the first
 * three bands. Anything else is 'other'.
 * Reference: SPEC §2.2 (bands: red, green, blue, rededge, nir, alpha, dsm, other).
 */
import type { BandName } from '../raster/types.ts';
import type { BandMetadata } from './gdal.metadata.ts';
import { Photometric } from './tiff.tags.ts';

const RGB: ReadonlyArray<BandName> = ['red', 'green', 'blue'];

const ALIASES = new Map<string, BandName>([
  ['red', 'red'],
  ['r', 'red'],
  ['green', 'green'],
  ['g', 'green'],
  ['blue', 'blue'],
  ['b', 'blue'],
  ['rededge', 'rededge'],
  ['re', 'rededge'],
  ['nir', 'nir'],
  ['nearinfrared', 'nir'],
  ['alpha', 'alpha'],
  ['dsm', 'dsm'],
  ['elevation', 'dsm'],
  ['height', 'dsm'],
]);

function named(text: string | null): BandName | null {
  return text === null ? null : (ALIASES.get(text.toLowerCase().replace(/[\s_-]/g, '')) ?? null);
}

export function bandNames(
  metadata: ReadonlyArray<BandMetadata>,
  alphaBand: number | null,
  photometric: number | null,
): BandName[] {
  return metadata.map(
    (band, i) =>
      (i === alphaBand ? 'alpha' : null) ??
      named(band.description) ??
      named(band.colorInterp) ??
      (photometric === Photometric.Rgb ? RGB[i] : undefined) ??
      'other',
  );
}
