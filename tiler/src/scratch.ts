/**
 * Work arrays reused from tile to tile: a tile's mapping (2 × 512 KiB at 256 px), its resampled bands
 * and validity, and the source window it reads (~1 MiB). Fresh large typed arrays cost zero-filling,
 * page faults and garbage collection (V8's helper threads included) on every tile. An array is taken
 * for the life of one tile and given back when the tile is done with it; a few are kept per size,
 * enough for the tiles a thread renders at once. Taken arrays hold arbitrary contents.
 */
const KEPT = 8;

/** Free arrays by kind and length. */
const free = new Map<string, ArrayBufferView[]>();

function take<T extends ArrayBufferView>(key: string, make: () => T): T {
  return (free.get(key)?.pop() as T | undefined) ?? make();
}

function give(key: string, array: ArrayBufferView): void {
  let list = free.get(key);
  if (!list) {
    list = [];
    free.set(key, list);
  }
  if (list.length < KEPT) list.push(array);
}

export const takeFloat64 = (length: number): Float64Array =>
  take(`f64:${length}`, () => new Float64Array(length));
export const giveFloat64 = (array: Float64Array): void => give(`f64:${array.length}`, array);

export const takeFloat32 = (length: number): Float32Array =>
  take(`f32:${length}`, () => new Float32Array(length));
export const giveFloat32 = (array: Float32Array): void => give(`f32:${array.length}`, array);

export const takeBytes = (length: number): Uint8Array => take(`u8:${length}`, () => new Uint8Array(length));
export const giveBytes = (array: Uint8Array): void => give(`u8:${array.length}`, array);

/**
 * A tile's RGBA, transparent black: the colouring writes only the pixels with data. Given back by the
 * renderer once the tile is encoded (giveBytes).
 */
export const takeRgba = (pixels: number): Uint8Array => takeBytes(pixels * 4).fill(0);

/** Windows vary by a few pixels from tile to tile: their buffers are kept in 256 KiB steps. */
const WINDOW_STEP = 256 * 1024;

/** A buffer of at least `bytes` for a source window (see RasterReader.readWindow's `into`). */
export function takeWindowBuffer(bytes: number): ArrayBuffer {
  const size = Math.ceil(bytes / WINDOW_STEP) * WINDOW_STEP;
  return take(`window:${size}`, () => new Uint8Array(size)).buffer as ArrayBuffer;
}

export function giveWindowBuffer(buffer: ArrayBuffer): void {
  if (buffer.byteLength % WINDOW_STEP === 0) give(`window:${buffer.byteLength}`, new Uint8Array(buffer));
}
