import { describe, expect, it } from 'vitest';
import {
  hashWithLayers,
  layersFromHash,
  newLayer,
  parseLayers,
  reconcileLayers,
  serialiseLayers,
  withLayer,
  type SurveyLayer,
} from './layer.state.ts';

const ID = '3f1c2a9e-0b7d-4c55-9a31-2f0e6d8b7c10';
const ndvi: SurveyLayer = {
  survey: ID,
  product: 'ndvi',
  opacity: 0.65,
  colormap: 'viridis',
  range: [-0.2, 0.85],
  on: true,
};
const rgbOff: SurveyLayer = {
  survey: 'b2',
  product: 'rgb',
  opacity: 1,
  colormap: null,
  range: null,
  on: false,
};

describe('layer state text', () => {
  it('writes each field in the documented order', () => {
    expect(serialiseLayers([ndvi, rgbOff])).toBe(`${ID}:ndvi:65:viridis:-0.2_0.85:1,b2:rgb:100:-:-:0`);
  });

  it('reads back what it wrote', () => {
    expect(parseLayers(serialiseLayers([ndvi, rgbOff]))).toEqual([ndvi, rgbOff]);
  });

  it('drops malformed entries and keeps the good ones', () => {
    const text = [
      'a:ndvi:50:viridis:-:1', // good
      'b:ndvi:150:viridis:-:1', // opacity above 100
      'c:ndvi:50:jet:-:1', // unknown colormap
      'd:ndvi:50:-:1_0:1', // min not below max
      'e:ndvi:50:-:x_1:1', // not a number
      'f:nd vi:50:-:-:1', // unsafe product
      'g:ndvi:50:-:-', // missing field
      'a:rgb:10:-:-:0', // second entry of a
    ].join(',');
    expect(parseLayers(text)).toEqual([
      { survey: 'a', product: 'ndvi', opacity: 0.5, colormap: 'viridis', range: null, on: true },
    ]);
  });

  it('parses nothing from an empty string', () => {
    expect(parseLayers('')).toEqual([]);
  });
});

describe('layer state in the hash', () => {
  it('adds the layers parameter next to others, unescaped', () => {
    const hash = hashWithLayers('#x=1', [rgbOff]);
    expect(hash).toBe('#x=1&layers=b2:rgb:100:-:-:0');
    expect(layersFromHash(hash)).toEqual([rgbOff]);
  });

  it('removes the parameter for an empty state', () => {
    expect(hashWithLayers('#layers=b2:rgb:100:-:-:0', [])).toBe('');
  });

  it('tells "no layers parameter" (null) from "no layers" ([])', () => {
    expect(layersFromHash('')).toBeNull();
    expect(layersFromHash('#layers=')).toEqual([]);
  });
});

describe('layer state updates', () => {
  it('starts a survey on true colour when it has it, else on its first product', () => {
    expect(newLayer('s', ['ndvi', 'rgb'])?.product).toBe('rgb');
    expect(newLayer('s', ['ndvi', 'ndre'])?.product).toBe('ndvi');
    expect(newLayer('s', [])).toBeNull();
  });

  it('replaces a survey in place and appends a new one', () => {
    const on = { ...rgbOff, on: true };
    expect(withLayer([ndvi, rgbOff], on)).toEqual([ndvi, on]);
    expect(withLayer([ndvi], rgbOff)).toEqual([ndvi, rgbOff]);
  });

  it('drops surveys that are gone and falls back when a product is', () => {
    const surveys = new Map([[ID, ['rgb', 'vari']]]);
    expect(reconcileLayers([ndvi, rgbOff], surveys)).toEqual([{ ...ndvi, product: 'rgb', range: null }]);
  });
});
