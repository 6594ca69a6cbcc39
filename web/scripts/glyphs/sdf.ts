/**
 * Signed distance field of an anti-aliased alpha bitmap, in the encoding MapLibre's glyph shader
 * expects: 255 − 255·(d/radius + cutoff), so the glyph edge sits at 191 (0.75) and one unit of
 * 8-bit value is radius/255 px.
 *
 * Distances come from the exact Euclidean distance transform of Felzenszwalb & Huttenlocher,
 * "Distance Transforms of Sampled Functions" (Theory of Computing 8, 2012), run once for the outside
 * and once for the inside. Partly covered pixels seed both transforms with the sub-pixel offset
 * (0.5 − alpha)², the treatment mapbox/tiny-sdf uses, so edges stay smooth at 24 px.
 */

const INF = 1e20;

export interface SdfOptions {
  /** How far from the edge, in px, the field reaches before it saturates. */
  readonly radius: number;
  /** Where the edge sits in the 0..1 range (MapLibre: 0.25 → byte 191). */
  readonly cutoff: number;
}

/** Scratch arrays for the 1-D transform, sized for the longest row or column. */
interface Scratch {
  readonly f: Float64Array;
  readonly v: Uint16Array;
  readonly z: Float64Array;
}

function scratch(length: number): Scratch {
  return { f: new Float64Array(length), v: new Uint16Array(length), z: new Float64Array(length + 1) };
}

/**
 * One pass of the 1-D squared-distance transform over `length` samples of `grid` starting at
 * `offset` with `stride`: the lower envelope of the parabolas rooted at each sample.
 */
function edt1d(grid: Float64Array, offset: number, stride: number, length: number, s: Scratch): void {
  const { f, v, z } = s;
  v[0] = 0;
  z[0] = -INF;
  z[1] = INF;
  f[0] = grid[offset] ?? INF;
  let k = 0;
  for (let q = 1; q < length; q++) {
    const fq = grid[offset + q * stride] ?? INF;
    f[q] = fq;
    const q2 = q * q;
    let inter: number;
    do {
      const r = v[k] ?? 0;
      inter = (fq - (f[r] ?? INF) + q2 - r * r) / (q - r) / 2;
    } while (inter <= (z[k] ?? -INF) && --k > -1);
    k++;
    v[k] = q;
    z[k] = inter;
    z[k + 1] = INF;
  }
  k = 0;
  for (let q = 0; q < length; q++) {
    while ((z[k + 1] ?? INF) < q) k++;
    const r = v[k] ?? 0;
    const qr = q - r;
    grid[offset + q * stride] = (f[r] ?? INF) + qr * qr;
  }
}

/** 2-D squared Euclidean distance transform in place: columns, then rows. */
export function edt(grid: Float64Array, width: number, height: number): void {
  const s = scratch(Math.max(width, height));
  for (let x = 0; x < width; x++) edt1d(grid, x, width, height, s);
  for (let y = 0; y < height; y++) edt1d(grid, y * width, 1, width, s);
}

/** The SDF of a `width`×`height` alpha bitmap (0 = outside, 255 = inside), one byte per pixel. */
export function sdfFromAlpha(alpha: Uint8Array, width: number, height: number, opts: SdfOptions): Uint8Array {
  const size = width * height;
  if (alpha.length !== size) {
    throw new RangeError(`alpha has ${alpha.length} bytes for a ${width}×${height} bitmap`);
  }
  const outer = new Float64Array(size);
  const inner = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const a = (alpha[i] ?? 0) / 255;
    if (a >= 1) {
      outer[i] = 0;
      inner[i] = INF;
    } else if (a <= 0) {
      outer[i] = INF;
      inner[i] = 0;
    } else {
      const d = 0.5 - a;
      outer[i] = d > 0 ? d * d : 0;
      inner[i] = d < 0 ? d * d : 0;
    }
  }
  edt(outer, width, height);
  edt(inner, width, height);
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const d = Math.sqrt(outer[i] ?? INF) - Math.sqrt(inner[i] ?? 0);
    const value = Math.round(255 - 255 * (d / opts.radius + opts.cutoff));
    out[i] = value < 0 ? 0 : value > 255 ? 255 : value;
  }
  return out;
}
