import { describe, expect, it } from 'vitest';
import {
  colourAt,
  gradientCss,
  legendTicks,
  rangePosition,
  tickDigits,
  valueDigits,
} from './legend.scale.ts';

describe('legend ticks', () => {
  it('puts min, mid and max at 0, ½ and 1', () => {
    // NDVI's display range −0.2…1: the middle is (−0.2 + 1) / 2 = 0.4.
    expect(legendTicks([-0.2, 1])).toEqual([
      { value: -0.2, at: 0 },
      { value: 0.4, at: 0.5 },
      { value: 1, at: 1 },
    ]);
  });

  it('gives as many decimals as a quarter of the span needs', () => {
    // span 1.2 → quarter 0.3 → one decimal shows 0.3 steps (−0.2, 0.4, 1.0).
    expect(tickDigits([-0.2, 1])).toBe(1);
    // span 0.6 → quarter 0.15 → 1 decimal (−0.3, 0.0, 0.3).
    expect(tickDigits([-0.3, 0.3])).toBe(1);
    // span 0.2 → quarter 0.05 → 2 decimals.
    expect(tickDigits([0.1, 0.3])).toBe(2);
    // TGI −5…15: span 20 → quarter 5 → whole numbers.
    expect(tickDigits([-5, 15])).toBe(0);
    // 8-bit DN 0…255.
    expect(tickDigits([0, 255])).toBe(0);
    expect(tickDigits([1, 1])).toBe(2);
  });
});

describe('index values', () => {
  it('keep about four significant digits, three decimals at most', () => {
    // TGI on 8-bit DN is in the hundreds; VARI is a fraction.
    expect(valueDigits(880)).toBe(0);
    expect(valueDigits(-12.5)).toBe(1);
    expect(valueDigits(1.25)).toBe(2);
    expect(valueDigits(-0.0455)).toBe(3);
    expect(valueDigits(0)).toBe(3);
  });
});

describe('a value on the range', () => {
  it('is linear inside and clamped outside', () => {
    expect(rangePosition(0.4, [-0.2, 1])).toBeCloseTo(0.5, 12);
    expect(rangePosition(0.1, [-0.2, 1])).toBeCloseTo(0.25, 12);
    expect(rangePosition(-3, [-0.2, 1])).toBe(0);
    expect(rangePosition(7, [-0.2, 1])).toBe(1);
  });

  it('takes the colour of the nearest stop', () => {
    const stops = [
      { value: 0, color: '#000000' },
      { value: 0.5, color: '#777777' },
      { value: 1, color: '#ffffff' },
    ];
    expect(colourAt(stops, 0.2)).toBe('#000000');
    expect(colourAt(stops, 0.3)).toBe('#777777');
    expect(colourAt(stops, 9)).toBe('#ffffff');
    expect(colourAt([], 1)).toBeNull();
  });

  it('draws the gradient through the stops at their places', () => {
    const stops = [
      { value: -0.2, color: '#a50026' },
      { value: 0.4, color: '#ffffbf' },
      { value: 1, color: '#006837' },
    ];
    expect(gradientCss(stops, [-0.2, 1])).toBe(
      'linear-gradient(to right, #a50026 0.0%, #ffffbf 50.0%, #006837 100.0%)',
    );
  });
});
