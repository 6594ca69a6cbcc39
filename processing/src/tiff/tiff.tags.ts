/**
 * The TIFF, GeoTIFF and GDAL tags Belcheer reads and writes, the TIFF field types with their sizes,
 * the code values of the tags the COG writer emits, and tag names for messages. The reader skips
 * tags not listed here without reading their values.
 * Reference: TIFF 6.0 §2 and §8, BigTIFF (libtiff), OGC GeoTIFF 1.1 §7, GDAL GTiff driver (42112, 42113).
 */

export const Tag = {
  NewSubfileType: 254,
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  Photometric: 262,
  StripOffsets: 273,
  SamplesPerPixel: 277,
  RowsPerStrip: 278,
  StripByteCounts: 279,
  PlanarConfiguration: 284,
  Predictor: 317,
  TileWidth: 322,
  TileLength: 323,
  TileOffsets: 324,
  TileByteCounts: 325,
  ExtraSamples: 338,
  SampleFormat: 339,
  ModelPixelScale: 33550,
  ModelTiepoint: 33922,
  ModelTransformation: 34264,
  GeoKeyDirectory: 34735,
  GeoDoubleParams: 34736,
  GeoAsciiParams: 34737,
  GdalMetadata: 42112,
  GdalNoData: 42113,
} as const;

const TAG_NAMES = new Map<number, string>(Object.entries(Tag).map(([name, id]) => [id, name]));

/** True for the tags whose values the reader may fetch. */
export function isKnownTag(tag: number): boolean {
  return TAG_NAMES.has(tag);
}

/** "TileOffsets (324)" for messages. */
export function tagName(tag: number): string {
  return `${TAG_NAMES.get(tag) ?? 'tag'} (${tag})`;
}

/** TIFF field types (TIFF 6.0 §2, BigTIFF adds 16–18). */
export const FieldType = {
  Byte: 1,
  Ascii: 2,
  Short: 3,
  Long: 4,
  Rational: 5,
  SByte: 6,
  Undefined: 7,
  SShort: 8,
  SLong: 9,
  SRational: 10,
  Float: 11,
  Double: 12,
  Ifd: 13,
  Long8: 16,
  SLong8: 17,
  Ifd8: 18,
} as const;

export type FieldType = (typeof FieldType)[keyof typeof FieldType];

/** Bytes per value of each field type. */
export const FIELD_SIZE: Readonly<Record<FieldType, number>> = {
  [FieldType.Byte]: 1,
  [FieldType.Ascii]: 1,
  [FieldType.Short]: 2,
  [FieldType.Long]: 4,
  [FieldType.Rational]: 8,
  [FieldType.SByte]: 1,
  [FieldType.Undefined]: 1,
  [FieldType.SShort]: 2,
  [FieldType.SLong]: 4,
  [FieldType.SRational]: 8,
  [FieldType.Float]: 4,
  [FieldType.Double]: 8,
  [FieldType.Ifd]: 4,
  [FieldType.Long8]: 8,
  [FieldType.SLong8]: 8,
  [FieldType.Ifd8]: 8,
};

const FIELD_SIZES = new Map<number, number>(
  Object.entries(FIELD_SIZE).map(([type, size]) => [Number(type), size]),
);

/** Bytes per value of a field type, or null for a type this reader does not know. */
export function fieldSize(type: number): number | null {
  return FIELD_SIZES.get(type) ?? null;
}

/** NewSubfileType values (TIFF 6.0 §8): bit 0 reduced resolution, bit 2 transparency mask. */
export const SubfileType = { Overview: 1, Mask: 4, OverviewMask: 5 } as const;
/** PhotometricInterpretation (TIFF 6.0 §8, §18). */
export const Photometric = { MinIsBlack: 1, Rgb: 2, TransparencyMask: 4 } as const;
/** Predictor (TIFF 6.0 §14; Adobe Technical Note 3 for floating point). */
export const Predictor = { Horizontal: 2, FloatingPoint: 3 } as const;
/** ExtraSamples (TIFF 6.0 §18). */
export const ExtraSample = { Unspecified: 0, UnassociatedAlpha: 2 } as const;
/** SampleFormat (TIFF 6.0 §19). */
export const SampleFormatCode = { Uint: 1, Int: 2, Float: 3 } as const;
