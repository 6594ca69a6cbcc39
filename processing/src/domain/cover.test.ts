import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { coverClassIndex, coverClassLabel } from './cover.ts';

describe('cover classes (DOMAIN §3)', () => {
  it('puts each limit in the upper class, 100 % in the last', () => {
    const cases: Array<[number, number]> = [
      [0, 0],
      [9.99, 0],
      [10, 1],
      [24.99, 1],
      [25, 2],
      [50, 3],
      [74.99, 3],
      [75, 4],
      [100, 4],
    ];
    for (const [pct, index] of cases) expect(coverClassIndex(pct), `${pct}`).toBe(index);
  });

  it('labels classes in Mongolian and English', () => {
    expect(coverClassLabel(2, 'en')).toBe('25–50 % Moderate');
    expect(coverClassLabel(0, 'mn')).toBe('0–10 % Маш сийрэг');
    expect(() => coverClassLabel(5, 'en')).toThrow(/cover class 5 of 5 requested/);
  });

  it('refuses cover outside 0–100 %', () => {
    expect(() => coverClassIndex(-0.1)).toThrow(ValidationError);
    expect(() => coverClassIndex(100.5)).toThrow(/cover must be within 0–100 %, got 100.5/);
    expect(() => coverClassIndex(Number.NaN)).toThrow(ValidationError);
  });
});
