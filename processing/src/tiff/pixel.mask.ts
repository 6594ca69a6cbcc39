/**
 * Per-pixel validity (255 valid, 0 invalid) from an alpha band or a nodata value, like rasterio's
 * dataset_mask: alpha 0 is invalid, any other alpha valid; with nodata a pixel is invalid only when
 * every band holds the nodata value (NaN matches NaN).
 * Reference: rasterio DatasetBase.dataset_mask; GDAL RFC 15 (mask bands).
 */
import type { PixelArray } from '../raster/types.ts';

export function alphaMask(data: PixelArray, bands: number, alphaBand: number): Uint8Array {
  const pixels = data.length / bands;
  const mask = new Uint8Array(pixels);
  for (let p = 0, i = alphaBand; p < pixels; p++, i += bands) mask[p] = data[i]! > 0 ? 255 : 0;
  return mask;
}

export function noDataMask(data: PixelArray, bands: number, noData: number): Uint8Array {
  const pixels = data.length / bands;
  const mask = new Uint8Array(pixels);
  const isNoData = Number.isNaN(noData) ? (v: number) => Number.isNaN(v) : (v: number) => v === noData;
  for (let p = 0; p < pixels; p++) {
    let valid = false;
    for (let b = 0, i = p * bands; b < bands && !valid; b++, i++) valid = !isNoData(data[i] ?? 0);
    mask[p] = valid ? 255 : 0;
  }
  return mask;
}

/** True when every pixel of `mask` is valid (four at a time where the mask is 4-byte aligned). */
export function allValid(mask: Uint8Array): boolean {
  const aligned = mask.byteOffset % 4 === 0;
  const words = aligned ? mask.length >> 2 : 0;
  const view = aligned ? new Uint32Array(mask.buffer, mask.byteOffset, words) : null;
  for (let i = 0; i < words; i++) if (view![i] !== 0xffffffff) return false;
  for (let i = words * 4; i < mask.length; i++) if (mask[i] !== 255) return false;
  return true;
}
