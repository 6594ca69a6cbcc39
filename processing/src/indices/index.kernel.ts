/**
 * Index kernels over pixel-interleaved typed arrays: uint8/uint16/int16/float32 in, float32 out,
 * masked pixels and zero denominators → NaN. Values are turned into reflectance (DN × scale +
 * offset) when a scale is known; indices that are not scale-invariant are refused without one.
 * Reference: DOMAIN.md §1 (reflectance), §2 (indices).
 */
import { ValidationError } from '../errors.ts';
import type { BandName } from '../raster/types.ts';
import {
  INDICES,
  INDEX_NAMES,
  isIndexName,
  type IndexDefinition,
  type IndexName,
} from './index.definitions.ts';

/** Reflectance = DN × scale + offset (DOMAIN §1). */
export interface Reflectance {
  readonly scale: number;
  readonly offset: number;
}

/** What a survey knows about its bands: names in file order and the reflectance scale, if any. */
export interface BandContext {
  readonly names: ReadonlyArray<BandName | string>;
  readonly reflectance: Reflectance | null;
}

/** The definition of `name`, or a ValidationError listing the indices. */
export function indexDefinition(name: string): IndexDefinition {
  if (!isIndexName(name)) {
    throw new ValidationError(`unknown index "${name}" (known: ${INDEX_NAMES.join(', ')})`, { index: name });
  }
  return INDICES.get(name)!;
}

/** Why `def` cannot be computed from these bands, or null when it can. */
export function indexUnavailableReason(def: IndexDefinition, bands: BandContext): string | null {
  const missing = def.inputs.filter((b) => !bands.names.includes(b));
  if (missing.length > 0) {
    return `${def.name} needs the ${missing.join(', ')} band${missing.length > 1 ? 's' : ''} (the survey has ${
      bands.names.join(', ') || 'no named bands'
    })`;
  }
  if (def.needsReflectance && !bands.reflectance) {
    return `${def.name} is not scale-invariant and the survey has no reflectance scale (declare one, or upload reflectance as float32)`;
  }
  return null;
}

/** Zero-based band of each input of `def`; ValidationError (code product_unavailable) when it cannot be made. */
export function indexBands(def: IndexDefinition, bands: BandContext): number[] {
  const reason = indexUnavailableReason(def, bands);
  if (reason)
    throw new ValidationError(reason, { index: def.name, bands: bands.names }, 'product_unavailable');
  return def.inputs.map((b) => bands.names.indexOf(b));
}

/** The indices these bands allow, in DOMAIN order. */
export function availableIndices(bands: BandContext): IndexName[] {
  return INDEX_NAMES.filter((n) => indexUnavailableReason(INDICES.get(n)!, bands) === null);
}

export interface IndexInput {
  /** Pixel-interleaved samples: data[p·stride + offsets[k]] is input k of pixel p. */
  readonly data: ArrayLike<number>;
  readonly stride: number;
  /** Position of each of the index's inputs within a pixel, in `def.inputs` order. */
  readonly offsets: ReadonlyArray<number>;
  /** Pixels to compute. */
  readonly count: number;
  /** Non-zero where the pixel is valid; null when all are. */
  readonly valid: Uint8Array | null;
}

/** The index of every pixel; NaN where masked or undefined. */
export function computeIndex(
  def: IndexDefinition,
  input: IndexInput,
  reflectance: Reflectance | null,
  out?: Float32Array,
): Float32Array;
/** The same in float64 (zonal statistics: the values a float64 evaluation gives, as numpy's). */
export function computeIndex(
  def: IndexDefinition,
  input: IndexInput,
  reflectance: Reflectance | null,
  out: Float64Array,
): Float64Array;
export function computeIndex(
  def: IndexDefinition,
  input: IndexInput,
  reflectance: Reflectance | null,
  out: Float32Array | Float64Array = new Float32Array(input.count),
): Float32Array | Float64Array {
  const { data, stride, offsets, count, valid } = input;
  const scale = reflectance?.scale ?? 1;
  const offset = reflectance?.offset ?? 0;
  const [o0 = 0, o1 = o0, o2 = o0] = offsets;
  const f = def.formula;
  for (let p = 0; p < count; p++) {
    if (valid !== null && valid[p] === 0) {
      out[p] = Number.NaN;
      continue;
    }
    const base = p * stride;
    const v = f(
      data[base + o0]! * scale + offset,
      data[base + o1]! * scale + offset,
      data[base + o2]! * scale + offset,
    );
    // v − v is 0 exactly when v is finite (Number.isFinite costs as much as the index here).
    out[p] = v - v === 0 ? v : Number.NaN;
  }
  return out;
}
