/** Quickselect and selected quantiles against a plain sort written here. */
import { describe, expect, it } from 'vitest';
import { quantileSorted, quantilesBySelection } from './quantiles.ts';
import { orderStatistics } from './select.ts';
import { random } from './testing/random.ts';

describe('orderStatistics / quantilesBySelection', () => {
  it('finds the values a sort puts at each position, with ties and sorted or reversed input', () => {
    const rnd = random(3);
    const inputs = [
      Float64Array.from({ length: 1001 }, () => Math.floor(rnd() * 20)),
      Float64Array.from({ length: 500 }, (_, i) => i),
      Float64Array.from({ length: 500 }, (_, i) => -i),
      Float64Array.from({ length: 777 }, () => rnd()),
    ];
    for (const a of inputs) {
      const sorted = Float64Array.from(a).sort();
      const ks = [0, 1, 99, 250, 251, a.length - 1];
      expect(orderStatistics(Float64Array.from(a), ks)).toEqual(ks.map((k) => sorted[k]));
      const qs = [0, 0.1, 0.5, 0.9, 1];
      expect(quantilesBySelection(a, qs, sorted[0]!, sorted.at(-1)!)).toEqual(
        qs.map((q) => quantileSorted(sorted, q)),
      );
    }
  });
});
