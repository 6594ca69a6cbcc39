/**
 * The TIFF, GeoTIFF and GDAL tag numbers, field types and code values the COG writer emits.
 * Reference: TIFF 6.0 (Adobe 1992), BigTIFF (libtiff), OGC GeoTIFF 1.1, GDAL's GTiff driver.
 */

export const Tag = {
  NewSubfileType: 254,
  ImageWidth: 256,
  ImageLength: 257,
  BitsPerSample: 258,
  Compression: 259,
  Photometric: 262,
  SamplesPerPixel: 277,
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
  GdalMetadata: 42112,
  GdalNoData: 42113,
} as const;

/** TIFF field types: code and size in bytes of one value. */
export const FieldType = {
  ASCII: { code: 2, size: 1 },
  SHORT: { code: 3, size: 2 },
  LONG: { code: 4, size: 4 },
  DOUBLE: { code: 12, size: 8 },
  LONG8: { code: 16, size: 8 },
} as const;
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

export const SubfileType = { Overview: 1, Mask: 4, OverviewMask: 5 } as const;
export const Compression = { Deflate: 8 } as const;
export const Photometric = { MinIsBlack: 1, Rgb: 2, TransparencyMask: 4 } as const;
export const Predictor = { Horizontal: 2, FloatingPoint: 3 } as const;
export const ExtraSample = { Unspecified: 0, UnassociatedAlpha: 2 } as const;
export const SampleFormatCode = { Uint: 1, Int: 2, Float: 3 } as const;

export const GeoKey = {
  GTModelType: 1024,
  GTRasterType: 1025,
  GeographicType: 2048,
  ProjectedCSType: 3072,
} as const;
export const ModelType = { Projected: 1, Geographic: 2 } as const;
export const RasterPixelIsArea = 1;
