/**
 * The shared vocabulary of raster IO: where bytes come from, what a raster is, and a block of pixels.
 * Reference: DESIGN.md "Packages" (processing's only IO is a byte source and a byte sink).
 */

/** Random access to bytes: a local file, an object in S3, an HTTP range. */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Exactly `length` bytes from `offset` (fewer only at the end of the source). */
  fetch(offset: number, length: number): Promise<Uint8Array>;
}

/** Sequential output of bytes. */
export interface ByteSink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export type SampleFormat = 'uint8' | 'uint16' | 'int16' | 'float32';
export type PixelArray = Uint8Array | Uint16Array | Int16Array | Float32Array;

/** GDAL-order affine geotransform: x = a + col·b + row·c, y = d + col·e + row·f (pixel corner). */
export type GeoTransform = readonly [number, number, number, number, number, number];

export interface Crs {
  /** EPSG code when the CRS has one. */
  readonly epsg: number | null;
  /** proj4 definition, always present for a resolved CRS. */
  readonly proj4: string;
  /** Human name, e.g. "WGS 84 / UTM zone 48N". */
  readonly name: string;
}

export type BandName = 'red' | 'green' | 'blue' | 'rededge' | 'nir' | 'alpha' | 'dsm' | 'other';

export interface RasterInfo {
  readonly width: number;
  readonly height: number;
  /** Number of bands including an alpha band, if any. */
  readonly bands: number;
  readonly sampleFormat: SampleFormat;
  readonly crs: Crs;
  readonly transform: GeoTransform;
  /** Nodata value when declared and representable in the sample format, else null. */
  readonly noData: number | null;
  /** Zero-based index of the alpha band, or null. */
  readonly alphaBand: number | null;
  /** True when the file carries an internal (per-dataset) mask. */
  readonly hasMask: boolean;
  /** Band names from descriptions / colour interpretation, when known. */
  readonly bandNames: ReadonlyArray<BandName>;
}

export interface RasterWindow {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * A block of pixels, pixel-interleaved (band fastest): data[(row·width + col)·bands + band].
 * `mask` is one byte per pixel, 255 valid and 0 invalid, or null when every pixel is valid.
 */
export interface PixelBlock {
  readonly width: number;
  readonly height: number;
  readonly bands: number;
  readonly data: PixelArray;
  readonly mask: Uint8Array | null;
}

/** Windowed reads of one resolution level of a raster. */
export interface RasterReader {
  readonly info: RasterInfo;
  /**
   * The window's pixels. With `into` (a buffer the caller recycles), a reader may put the pixels in
   * it when it is large enough instead of allocating; the block is then only valid until the caller
   * reuses the buffer.
   */
  readWindow(window: RasterWindow, into?: ArrayBuffer): Promise<PixelBlock>;
}
