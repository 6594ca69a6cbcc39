import { describe, expect, it } from 'vitest';
import { hashWithMeasure, measureFromHash } from './analysis.state.ts';

describe('measure in the URL hash', () => {
  it('reads the measure, defaulting to condition', () => {
    expect(measureFromHash('#layers=a:vari:100:-:-:1&measure=cover')).toBe('cover');
    expect(measureFromHash('#measure=height')).toBe('condition');
    expect(measureFromHash('')).toBe('condition');
  });

  it('writes it beside the layers, unescaped, and drops the default', () => {
    expect(hashWithMeasure('#layers=a:vari:100:-:-:1,b:rgb:40:-:-:0', 'biomass')).toBe(
      '#layers=a:vari:100:-:-:1,b:rgb:40:-:-:0&measure=biomass',
    );
    expect(hashWithMeasure('#measure=biomass', 'condition')).toBe('');
  });
});
