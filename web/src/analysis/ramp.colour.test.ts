import { describe, expect, it } from 'vitest';
import { colourOnRamp } from './ramp.colour.ts';

const stops = [
  { value: 0, color: '#000000' },
  { value: 1, color: '#ff8040' },
  { value: -1, color: '#ffffff' },
];

describe('colourOnRamp', () => {
  it('blends the two stops around a value', () => {
    // Halfway from #000000 to #ff8040: 127.5 → 128 (0x80), 64 → 0x40, 32 → 0x20.
    expect(colourOnRamp(stops, 0.5)).toBe('#804020');
    // A quarter from #ffffff (at −1) to #000000 (at 0): 255 × 0.25 = 63.75 → 64.
    expect(colourOnRamp(stops, -0.75)).toBe('#bfbfbf');
  });

  it('clamps to the end stops and refuses what it cannot read', () => {
    expect(colourOnRamp(stops, -5)).toBe('#ffffff');
    expect(colourOnRamp(stops, 5)).toBe('#ff8040');
    expect(colourOnRamp([], 0)).toBeNull();
    expect(
      colourOnRamp(
        [
          { value: 0, color: 'red' },
          { value: 1, color: '#000000' },
        ],
        0.5,
      ),
    ).toBeNull();
  });
});
