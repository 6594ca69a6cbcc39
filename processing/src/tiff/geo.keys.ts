/**
 * The GeoKeyDirectory: key id → value, each value a number, a list of doubles or a citation string,
 * resolved from the directory itself, GeoDoubleParams or GeoAsciiParams.
 * Reference: OGC GeoTIFF 1.1 §7.1.3 (GeoKeyDirectoryTag), §7.1.4 (GeoKey IDs).
 */
import { malformedTiff } from './tiff.errors.ts';
import { Tag } from './tiff.tags.ts';

export const GeoKey = {
  GTModelType: 1024,
  GTRasterType: 1025,
  GTCitation: 1026,
  GeographicType: 2048,
  GeogCitation: 2049,
  ProjectedCSType: 3072,
  PCSCitation: 3073,
  Projection: 3074,
} as const;

/** GTModelTypeGeoKey values (OGC GeoTIFF 1.1 §7.5). */
export const ModelType = { Projected: 1, Geographic: 2 } as const;

/** GTRasterTypeGeoKey value RasterPixelIsArea (OGC GeoTIFF 1.1 §7.6). */
export const RasterPixelIsArea = 1;

/** GeoKey values that mean "user-defined" rather than an EPSG code. */
export const USER_DEFINED = 32767;

export type GeoKeyValue = number | string | ReadonlyArray<number>;

export interface GeoKeyParams {
  readonly directory: Float64Array;
  readonly doubles: Float64Array | null;
  readonly ascii: string | null;
}

/** Parses the directory; keys whose values point outside their parameter tag are refused. */
export function parseGeoKeys({ directory, doubles, ascii }: GeoKeyParams): Map<number, GeoKeyValue> {
  const [version, , , count = 0] = directory;
  if (version !== 1) throw malformedTiff(`GeoKeyDirectory version ${version}, 1 expected`);
  if (4 + count * 4 > directory.length) {
    throw malformedTiff(
      `GeoKeyDirectory declares ${count} keys but holds ${Math.floor(directory.length / 4) - 1}`,
    );
  }
  const keys = new Map<number, GeoKeyValue>();
  for (let k = 0; k < count; k++) {
    const [id = 0, location = 0, n = 0, value = 0] = directory.subarray(4 + k * 4, 8 + k * 4);
    const outside = (length: number) =>
      malformedTiff(`GeoKey ${id} points to values ${value}–${value + n} outside its ${length}-value tag`);
    if (location === 0) {
      keys.set(id, value);
    } else if (location === Tag.GeoDoubleParams) {
      if (!doubles || value + n > doubles.length) throw outside(doubles?.length ?? 0);
      keys.set(id, Array.from(doubles.subarray(value, value + n)));
    } else if (location === Tag.GeoAsciiParams) {
      if (ascii === null || value + n > ascii.length + 1) throw outside(ascii?.length ?? 0);
      keys.set(id, ascii.slice(value, value + n).replace(/\|$/, ''));
    } else if (location === Tag.GeoKeyDirectory) {
      if (value + n > directory.length) throw outside(directory.length);
      keys.set(id, Array.from(directory.subarray(value, value + n)));
    }
  }
  return keys;
}
