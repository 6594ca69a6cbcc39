/** Product value functions: raw and named bands, an index by its DOMAIN formula by hand, refusals. */
import { describe, expect, it } from 'vitest';
import { productValue } from './product.value.ts';

const rgb = { names: ['red', 'green', 'blue', 'alpha'], reflectance: null };
const px = Float64Array.of(40, 100, 20, 255);

describe('productValue', () => {
  it('reads raw and named bands', () => {
    expect(productValue('b2', rgb, 4)(px)).toBe(100);
    expect(productValue('blue', rgb, 4)(px)).toBe(20);
  });
  it('computes an index the bands allow', () => {
    // VARI = (G − R) / (G + R − B) = 60 / 120
    expect(productValue('vari', rgb, 4)(px)).toBe(0.5);
  });
  it('refuses rgb, missing bands and indices the bands do not allow', () => {
    expect(() => productValue('rgb', rgb, 4)).toThrow(/not a scalar/);
    expect(() => productValue('b5', rgb, 4)).toThrow(/band 5 of 4/);
    expect(() => productValue('ndvi', rgb, 4)).toThrow(/needs the nir band/);
    expect(() => productValue('nir', rgb, 4)).toThrow(/not a band or an index/);
  });
});
