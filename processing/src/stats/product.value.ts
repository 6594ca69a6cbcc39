/**
 * The per-pixel value of a statistics product: a raw band (`b1`…`bN`), a named band (`red`, `nir`, …
 * as the survey names its bands) or a vegetation index its bands allow (the formula of
 * processing/src/indices, on reflectance when a scale is known). `rgb` is not a scalar and is refused,
 * as is anything the bands cannot give, with a message naming what is missing. Each value function
 * carries its typed kernel over a run of pixels (value.kernel.ts): an index through computeIndex in
 * float64, a band copied.
 * Reference: SPEC §3 (POST /api/statistics); DOMAIN §1–2.
 */
import { ValidationError } from '../errors.ts';
import { computeIndex, indexBands, indexDefinition, type BandContext } from '../indices/index.kernel.ts';
import { isIndexName } from '../indices/index.definitions.ts';
import type { PixelValue, ValueRun } from './value.kernel.ts';

/** Band `band` (zero-based) of each pixel; NaN where masked or not finite (float32 bands). */
function bandValue(band: number): PixelValue {
  const run: ValueRun = ({ data, mask, bands }, from, count, out, at) => {
    for (let p = from, i = at; p < from + count; p++, i++) {
      const v = data[p * bands + band]!;
      out[i] = (mask !== null && mask[p] === 0) || v - v !== 0 ? NaN : v;
    }
  };
  return Object.assign((b: Float64Array) => b[band]!, { run });
}

function unavailable(message: string, product: string): ValidationError {
  return new ValidationError(message, { product }, 'product_unavailable');
}

/** The value function of `product` for a raster of `bandCount` bands described by `bands`. */
export function productValue(product: string, bands: BandContext, bandCount: number): PixelValue {
  const raw = /^b(\d{1,3})$/.exec(product);
  if (raw) {
    const n = Number(raw[1]);
    if (n < 1 || n > bandCount) throw unavailable(`band ${n} of ${bandCount} requested`, product);
    return bandValue(n - 1);
  }
  if (product === 'rgb') {
    throw unavailable('rgb is not a scalar: ask for a band (b1…bN, red, nir, …) or an index', product);
  }
  if (isIndexName(product)) {
    const def = indexDefinition(product);
    const offsets = indexBands(def, bands);
    const [o0 = 0, o1 = o0, o2 = o0] = offsets;
    const { reflectance } = bands;
    const scale = reflectance?.scale ?? 1;
    const offset = reflectance?.offset ?? 0;
    const f = def.formula;
    const run: ValueRun = ({ data, mask, bands: stride }, from, count, out, at) => {
      const input = {
        data: data.subarray(from * stride, (from + count) * stride),
        stride,
        offsets,
        count,
        valid: mask && mask.subarray(from, from + count),
      };
      computeIndex(def, input, reflectance, out.subarray(at, at + count));
    };
    const value = (b: Float64Array) =>
      f(b[o0]! * scale + offset, b[o1]! * scale + offset, b[o2]! * scale + offset);
    return Object.assign(value, { run });
  }
  const named = bands.names.indexOf(product);
  if (named >= 0 && product !== 'alpha' && product !== 'other') return bandValue(named);
  throw unavailable(
    `product "${product}" is not a band or an index of this survey (bands: ${bands.names.join(', ') || 'unnamed'}; b1…b${bandCount}, band names and the indices they allow)`,
    product,
  );
}
