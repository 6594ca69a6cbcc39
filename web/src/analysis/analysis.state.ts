/**
 * The analysis view's state in the URL hash, beside the layer panel's (`#layers=…&measure=cover`):
 * the measure the units are coloured by; a missing or unknown value is the default, condition.
 */
import { isMeasure, type Measure } from './choropleth.ts';

export const MEASURE_KEY = 'measure';
export const DEFAULT_MEASURE: Measure = 'condition';

export function measureFromHash(hash: string): Measure {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(MEASURE_KEY) ?? '';
  return isMeasure(value) ? value : DEFAULT_MEASURE;
}

/** The hash with `measure` set (removed for the default), other parameters kept as they were. */
export function hashWithMeasure(hash: string, measure: Measure): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (measure === DEFAULT_MEASURE) params.delete(MEASURE_KEY);
  else params.set(MEASURE_KEY, measure);
  const out = params.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
  return out ? `#${out}` : '';
}
