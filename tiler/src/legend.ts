/**
 * Legends of tile products (SPEC §2.2 "a legend"): a continuous colour ramp with its range and
 * evenly spaced stops, or discrete classes with their colours and labels in Mongolian and English.
 * Served at `/tiles/surveys/{id}/{product}/legend.json` and inside the TileJSON.
 */
import { hexColor, lutIndex, type Colormap } from './colormap.ts';

export interface Label {
  readonly mn: string;
  readonly en: string;
}

export interface LegendStop {
  readonly value: number;
  readonly color: string;
}

export interface LegendClass {
  readonly value: number;
  readonly color: string;
  readonly label: Label;
}

export interface Legend {
  readonly product: string;
  readonly title: Label;
  readonly kind: 'continuous' | 'classes' | 'rgb';
  readonly colormap?: string;
  readonly range?: readonly [number, number];
  readonly stops?: readonly LegendStop[];
  readonly classes?: readonly LegendClass[];
  readonly unit?: string;
}

/** Number of stops of a continuous legend (ends included). */
export const LEGEND_STOPS = 11;

export function continuousLegend(
  product: string,
  title: Label,
  cmap: Colormap,
  range: readonly [number, number],
  unit?: string,
): Legend {
  const [min, max] = range;
  const stops = Array.from({ length: LEGEND_STOPS }, (_, k) => {
    const value = min + ((max - min) * k) / (LEGEND_STOPS - 1);
    const i = lutIndex(value, min, max) * 3;
    return { value, color: hexColor(cmap.lut[i]!, cmap.lut[i + 1]!, cmap.lut[i + 2]!) };
  });
  return { product, title, kind: 'continuous', colormap: cmap.name, range, stops, ...(unit ? { unit } : {}) };
}
