import { describe, expect, it } from 'vitest';
import { statsProduct } from './stats.product.ts';

describe('statsProduct', () => {
  it('keeps an index, and takes the cover index for true colour and cover', () => {
    const rgb = { kind: 'rgb' as const, products: ['rgb', 'vari', 'exg', 'gli', 'cover'] };
    expect(statsProduct(rgb, 'vari')).toBe('vari');
    expect(statsProduct(rgb, 'rgb')).toBe('exg');
    expect(statsProduct(rgb, 'cover')).toBe('exg');
    const ms = { kind: 'multispectral' as const, products: ['rgb', 'exg', 'ndvi', 'ndre', 'cover'] };
    expect(statsProduct(ms, 'rgb')).toBe('ndvi');
    expect(statsProduct(ms, 'ndre')).toBe('ndre');
  });

  it('falls back to any index, or none', () => {
    expect(statsProduct({ kind: 'multispectral', products: ['rgb', 'ndre'] }, 'rgb')).toBe('ndre');
    expect(statsProduct({ kind: 'rgb', products: ['rgb'] }, 'rgb')).toBeNull();
  });
});
