/**
 * Undoing the TIFF predictors after decompression. Horizontal differencing (2) works on the integer
 * samples in host byte order; the floating-point predictor (3) works on bytes: it undoes byte-wise
 * differencing along the row, then gathers each sample's bytes back from the big-endian byte planes.
 * Reference: TIFF 6.0 §14 "Differencing Predictor"; Adobe Photoshop TIFF Technical Note 3
 * (floating-point predictor); libtiff tif_predict.c (horAcc8/16/32, fpAcc).
 */
import { HOST_LITTLE_ENDIAN } from './byte.order.ts';

/**
 * Predictor 2 on 8-bit RGBA rows read as 32-bit words (aligned data): the four byte sums of a pixel in
 * one SWAR add, (x & 0x7f…) + (y & 0x7f…) with the top bits put back by xor, so no carry crosses bytes.
 */
function undoRgba8Words(data: Uint8Array, rowSamples: number, rows: number): void {
  const perRow = rowSamples >> 2;
  const words = new Uint32Array(data.buffer, data.byteOffset, perRow * rows);
  for (let row = 0; row < rows; row++) {
    let i = row * perRow;
    const end = i + perRow;
    let prev = words[i]! | 0;
    for (i++; i < end; i++) {
      const cur = words[i]! | 0;
      prev = (((prev & 0x7f7f7f7f) + (cur & 0x7f7f7f7f)) ^ ((prev ^ cur) & 0x80808080)) | 0;
      words[i] = prev;
    }
  }
}

/** Predictor 2 on 8-bit RGBA rows, the common drone-ortho case: four running sums kept in registers. */
function undoRgba8(data: Uint8Array, rowSamples: number, rows: number): void {
  if (data.byteOffset % 4 === 0) return undoRgba8Words(data, rowSamples, rows);
  for (let row = 0; row < rows; row++) {
    let i = row * rowSamples;
    const end = i + rowSamples;
    let r = data[i] ?? 0;
    let g = data[i + 1] ?? 0;
    let b = data[i + 2] ?? 0;
    let a = data[i + 3] ?? 0;
    for (i += 4; i < end; i += 4) {
      data[i] = r = (r + (data[i] ?? 0)) & 0xff;
      data[i + 1] = g = (g + (data[i + 1] ?? 0)) & 0xff;
      data[i + 2] = b = (b + (data[i + 2] ?? 0)) & 0xff;
      data[i + 3] = a = (a + (data[i + 3] ?? 0)) & 0xff;
    }
  }
}

/**
 * Predictor 2, in place: each row holds `rowSamples` samples and `stride` samples per pixel. `data`
 * is an unsigned view of the samples (Uint8/16/32), so sums wrap like libtiff's.
 */
export function undoHorizontalDifferencing(
  data: Uint8Array | Uint16Array | Uint32Array,
  rowSamples: number,
  rows: number,
  stride: number,
): void {
  if (data instanceof Uint8Array && stride === 4) return undoRgba8(data, rowSamples, rows);
  for (let row = 0; row < rows; row++) {
    const start = row * rowSamples;
    const end = start + rowSamples;
    for (let i = start + stride; i < end; i++) data[i] = (data[i] ?? 0) + (data[i - stride] ?? 0);
  }
}

/**
 * Predictor 3, in place on `bytes`: rows of `rowSamples` samples of `sampleBytes` bytes with `stride`
 * samples per pixel. The result is in host byte order whatever the file's byte order.
 */
export function undoFloatingPointPredictor(
  bytes: Uint8Array,
  rowSamples: number,
  rows: number,
  stride: number,
  sampleBytes: number,
): void {
  const rowBytes = rowSamples * sampleBytes;
  const planes = new Uint8Array(rowBytes);
  for (let row = 0; row < rows; row++) {
    const line = bytes.subarray(row * rowBytes, (row + 1) * rowBytes);
    for (let i = stride; i < rowBytes; i++) line[i] = (line[i] ?? 0) + (line[i - stride] ?? 0);
    planes.set(line);
    for (let b = 0; b < sampleBytes; b++) {
      // Plane 0 holds the most significant bytes.
      const plane = (HOST_LITTLE_ENDIAN ? sampleBytes - 1 - b : b) * rowSamples;
      for (let s = 0; s < rowSamples; s++) line[s * sampleBytes + b] = planes[plane + s] ?? 0;
    }
  }
}
