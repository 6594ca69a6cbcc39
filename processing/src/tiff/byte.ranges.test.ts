import { describe, expect, it } from 'vitest';
import { mergeRanges } from './byte.ranges.ts';

describe('mergeRanges', () => {
  it('merges neighbours across small gaps, in offset order, and keeps far ranges apart', () => {
    const ranges = [
      { offset: 200, length: 50 },
      { offset: 0, length: 100 },
      { offset: 110, length: 40 },
      { offset: 10_000, length: 10 },
    ];
    expect(mergeRanges(ranges, 60)).toEqual([
      { offset: 0, length: 250, members: [1, 2, 0] },
      { offset: 10_000, length: 10, members: [3] },
    ]);
  });

  it('bounds the merged size and handles overlapping or repeated ranges', () => {
    const ranges = [0, 100, 200, 300].map((offset) => ({ offset, length: 100 }));
    expect(mergeRanges(ranges, 0, 250).map((r) => [r.offset, r.length])).toEqual([
      [0, 200],
      [200, 200],
    ]);
    const same = [
      { offset: 5, length: 10 },
      { offset: 5, length: 10 },
    ];
    expect(mergeRanges(same, 0)).toEqual([{ offset: 5, length: 10, members: [0, 1] }]);
  });
});
