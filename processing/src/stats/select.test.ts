/** Quickselect and selected quantiles against a plain sort written here. */
import { describe, expect, it } from 'vitest';
import {
  quantileSorted,
  quantilesBySelection,
  weightedQuantileSorted,
  weightedQuantilesByBuckets,
} from './quantiles.ts';
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

describe('weightedQuantilesByBuckets', () => {
  it('gives what weightedQuantileSorted gives on the zone sorted by a plain sort written here', () => {
    const rnd = random(5);
    const cases = [
      { n: 5000, value: () => Math.floor(rnd() * 30), weight: () => (rnd() < 0.8 ? 1 : rnd()) },
      { n: 3001, value: () => rnd() * 100, weight: () => (rnd() < 0.5 ? 1 : 0.001 + rnd() / 10) },
      { n: 2000, value: () => rnd() ** 8, weight: () => rnd() },
      { n: 2, value: () => rnd(), weight: () => rnd() },
    ];
    for (const { n, value, weight } of cases) {
      const v = Float64Array.from({ length: n }, value);
      const w = Float64Array.from({ length: n }, weight);
      // Sort by value, whole pixels first among equal values, then by weight.
      const order = Array.from({ length: n }, (_, i) => i).sort(
        (i, j) => v[i]! - v[j]! || (w[i] === 1 ? 0 : 1) - (w[j] === 1 ? 0 : 1) || w[i]! - w[j]!,
      );
      const sv = Float64Array.from(order, (i) => v[i]!);
      const sw = Float64Array.from(order, (i) => w[i]!);
      const qs = [0, 0.1, 0.5, 0.9, 1];
      const got = weightedQuantilesByBuckets(v, w, qs, sv[0]!, sv.at(-1)!);
      qs.forEach((q, k) => {
        const want = weightedQuantileSorted(sv, sw, q);
        expect(Math.abs(got[k]! - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
      });
    }
  });
});
