/**
 * Per-pixel validity (255 valid, 0 invalid) from an alpha band or a nodata value, like rasterio's
 * dataset_mask: alpha 0 is invalid, any other alpha valid; with nodata a pixel is invalid only when
 * every band holds the nodata value (NaN matches NaN).
 * Reference: rasterio DatasetBase.dataset_mask; GDAL RFC 15 (mask bands).
 */
import type { PixelArray } from '../raster/types.ts';
import { HOST_LITTLE_ENDIAN } from '../raster/pixel.array.ts';

export function alphaMask(data: PixelArray, bands: number, alphaBand: number): Uint8Array {
  const words = rgbaWords(data, bands, alphaBand);
  if (words) {
    const mask = new Uint8Array(words.length);
    for (let p = 0; p < words.length; p++) mask[p] = words[p]! >>> 24 === 0 ? 0 : 255;
    return mask;
  }
  const pixels = data.length / bands;
  const mask = new Uint8Array(pixels);
  for (let p = 0, i = alphaBand; p < pixels; p++, i += bands) mask[p] = data[i]! > 0 ? 255 : 0;
  return mask;
}

/**
 * True when no pixel has alpha 0 — every pixel valid — without building the mask; null when that is
 * not cheap to tell (only 8-bit RGBA with alpha last is checked, four bytes at a time).
 */
export function alphaAllValid(data: PixelArray, bands: number, alphaBand: number): boolean | null {
  const words = rgbaWords(data, bands, alphaBand);
  if (!words) return null;
  for (let p = 0; p < words.length; p++) if (words[p]! >>> 24 === 0) return false;
  return true;
}

/** 8-bit RGBA with alpha as the fourth band, viewed as one little-endian word a pixel; else null. */
function rgbaWords(data: PixelArray, bands: number, alphaBand: number): Uint32Array | null {
  if (!HOST_LITTLE_ENDIAN || bands !== 4 || alphaBand !== 3 || !(data instanceof Uint8Array)) return null;
  if (data.byteOffset % 4 !== 0) return null;
  return new Uint32Array(data.buffer, data.byteOffset, data.length >> 2);
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
