/**
 * Band orders of common multispectral drone cameras, in each maker's band numbering (band 1
 * first), which is the order a stacked reflectance orthomosaic has unless the operator reorders it:
 * DJI P4 Multispectral B, G, R, RE, NIR; MicaSense RedEdge B, G, R, NIR, RE (Altum adds LWIR);
 * DJI Mavic 3 Multispectral and Parrot Sequoia G, R, RE, NIR. Thermal (LWIR) has no name of its own
 * in the API's band list (SPEC §3), so it is `other`. The form shows the order, so a person can
 * check it against their processing report and change it.
 */
import type { BandName } from '../api/survey.types.ts';

export interface SensorPreset {
  readonly id: string;
  readonly name: string;
  readonly bands: readonly BandName[];
}

export const SENSOR_PRESETS: readonly SensorPreset[] = [
  { id: 'dji-p4m', name: 'DJI P4 Multispectral', bands: ['blue', 'green', 'red', 'rededge', 'nir'] },
  { id: 'micasense-rededge', name: 'MicaSense RedEdge', bands: ['blue', 'green', 'red', 'nir', 'rededge'] },
  {
    id: 'micasense-altum',
    name: 'MicaSense Altum',
    bands: ['blue', 'green', 'red', 'nir', 'rededge', 'other'],
  },
  { id: 'dji-m3m', name: 'DJI Mavic 3 Multispectral', bands: ['green', 'red', 'rededge', 'nir'] },
  { id: 'parrot-sequoia', name: 'Parrot Sequoia', bands: ['green', 'red', 'rededge', 'nir'] },
];

export const DEFAULT_PRESET: SensorPreset = SENSOR_PRESETS[0] ?? { id: 'none', name: '', bands: [] };

/** The preset whose order this is, or null for a custom order. */
export function presetOf(bands: readonly BandName[]): SensorPreset | null {
  return (
    SENSOR_PRESETS.find((p) => p.bands.length === bands.length && p.bands.every((b, i) => b === bands[i])) ??
    null
  );
}

/** Colours of the band chips, close to the light each band sees. */
export const BAND_COLOURS: Readonly<Record<BandName, string>> = {
  blue: '#2f6fd6',
  green: '#2e9b4f',
  red: '#d23c3c',
  rededge: '#a8324f',
  nir: '#7a3b8f',
  alpha: '#8a8f8c',
  dsm: '#8a6a3b',
  other: '#5e6b63',
};
