import { describe, expect, it } from 'vitest';
import { BAND_NAMES } from '../api/survey.types.ts';
import { DEFAULT_PRESET, SENSOR_PRESETS, presetOf } from './band.presets.ts';

describe('band presets', () => {
  it('defaults to the DJI P4 Multispectral order', () => {
    expect(DEFAULT_PRESET.bands).toEqual(['blue', 'green', 'red', 'rededge', 'nir']);
  });

  it('MicaSense RedEdge puts NIR before red edge', () => {
    expect(SENSOR_PRESETS.find((p) => p.id === 'micasense-rededge')?.bands).toEqual([
      'blue',
      'green',
      'red',
      'nir',
      'rededge',
    ]);
  });

  it('recognises a preset by its order and calls anything else custom', () => {
    expect(presetOf(['blue', 'green', 'red', 'nir', 'rededge'])?.id).toBe('micasense-rededge');
    expect(presetOf(['green', 'blue', 'red', 'rededge', 'nir'])).toBeNull();
  });

  it('uses only band names the API accepts, each once', () => {
    for (const p of SENSOR_PRESETS) {
      expect(p.bands.every((b) => (BAND_NAMES as readonly string[]).includes(b))).toBe(true);
      expect(new Set(p.bands).size).toBe(p.bands.length);
    }
  });
});
