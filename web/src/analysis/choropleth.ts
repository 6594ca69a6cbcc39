/**
 * The per-unit choropleth: the measure a unit is coloured by — condition (recovery class I–V,
 * DOMAIN §6), capacity (seasonal sheep units per ha), green cover % in the cover product's classes
 * (DOMAIN §3) or biomass kg DM/ha — its classes with their colours, and each unit's colour (grey
 * without a value). Capacity and biomass have no fixed scale: their breaks are quintiles of the
 * units shown, rounded to two significant digits.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { RECOVERY_CLASSES, type RecoveryClass, type UnitResult, type UnitResults } from './analysis.api.ts';

export const MEASURES = ['condition', 'capacity', 'cover', 'biomass'] as const;
export type Measure = (typeof MEASURES)[number];

export const NO_VALUE_COLOUR = '#c9ccce';

/** ColorBrewer RdYlGn 5, green (I, little change) to red (V, severely degraded). */
const CONDITION_COLOURS: Readonly<Record<RecoveryClass, string>> = {
  I: '#1a9641',
  II: '#a6d96a',
  III: '#ffffbf',
  IV: '#fdae61',
  V: '#d7191c',
};
/** ColorBrewer YlGn 5 for cover and biomass, YlGnBu 5 for capacity. */
const GREENS = ['#ffffcc', '#c2e699', '#78c679', '#31a354', '#006837'] as const;
const BLUES = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;
/** DOMAIN §3: the cover product's classes, %. */
const COVER_BREAKS = [10, 25, 50, 75] as const;

export type ChoroplethClass =
  | { readonly kind: 'class'; readonly value: RecoveryClass; readonly colour: string }
  | {
      readonly kind: 'range';
      readonly from: number | null;
      readonly to: number | null;
      readonly colour: string;
    };

export interface Choropleth {
  readonly measure: Measure;
  readonly classes: readonly ChoroplethClass[];
  /** Each unit's fill colour. */
  readonly colourOf: (unit: UnitResult) => string;
}

export function isMeasure(value: string): value is Measure {
  return (MEASURES as readonly string[]).includes(value);
}

/** Sheep units per ha for the season (capacity ÷ area); null without a capacity. */
export function capacityPerHa(unit: UnitResult): number | null {
  return unit.capacitySu === null || unit.areaHa <= 0 ? null : unit.capacitySu / unit.areaHa;
}

export function measureValue(measure: Exclude<Measure, 'condition'>, unit: UnitResult): number | null {
  if (measure === 'capacity') return capacityPerHa(unit);
  return measure === 'cover' ? unit.coverPct : unit.biomassKgHa;
}

/** Quantile breaks splitting `values` into up to `k` classes: the values at ranks ⌊i·n/k⌋, rounded, deduplicated, above the minimum. */
export function quantileBreaks(values: readonly number[], k: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const min = sorted[0];
  if (min === undefined) return [];
  const breaks: number[] = [];
  for (let i = 1; i < k; i++) {
    const v = Number((sorted[Math.floor((i * sorted.length) / k)] ?? min).toPrecision(2));
    if (v > min && v !== breaks[breaks.length - 1]) breaks.push(v);
  }
  return breaks;
}

/** The class of `value`: how many breaks are at or below it. */
export function classIndex(value: number, breaks: readonly number[]): number {
  let i = 0;
  while (i < breaks.length && (breaks[i] ?? Infinity) <= value) i++;
  return i;
}

function ranges(breaks: readonly number[], colours: readonly string[]): ChoroplethClass[] {
  // Fewer classes than colours: spread them over the ramp, keeping both ends.
  const n = breaks.length + 1;
  return Array.from({ length: n }, (_, i) => ({
    kind: 'range',
    from: i === 0 ? null : (breaks[i - 1] ?? null),
    to: i === n - 1 ? null : (breaks[i] ?? null),
    colour:
      colours[n === 1 ? colours.length - 1 : Math.round((i * (colours.length - 1)) / (n - 1))] ??
      NO_VALUE_COLOUR,
  }));
}

export function choropleth(measure: Measure, units: readonly UnitResult[]): Choropleth {
  if (measure === 'condition')
    return {
      measure,
      classes: RECOVERY_CLASSES.map((value) => ({ kind: 'class', value, colour: CONDITION_COLOURS[value] })),
      colourOf: (u) => (u.recoveryClass ? CONDITION_COLOURS[u.recoveryClass] : NO_VALUE_COLOUR),
    };
  const values = units.map((u) => measureValue(measure, u)).filter((v): v is number => v !== null);
  if (values.length === 0) return { measure, classes: [], colourOf: () => NO_VALUE_COLOUR };
  const breaks = measure === 'cover' ? [...COVER_BREAKS] : quantileBreaks(values, GREENS.length);
  const classes = ranges(breaks, measure === 'capacity' ? BLUES : GREENS);
  return {
    measure,
    classes,
    colourOf: (u) => {
      const v = measureValue(measure, u);
      return v === null ? NO_VALUE_COLOUR : (classes[classIndex(v, breaks)]?.colour ?? NO_VALUE_COLOUR);
    },
  };
}

export interface FillProperties extends UnitResult {
  readonly fill: string;
}

/** The units with their fill colour as a property, for the map's GeoJSON source. */
export function colouredUnits(
  units: UnitResults,
  map: Choropleth,
): FeatureCollection<Geometry, FillProperties> {
  return {
    type: 'FeatureCollection',
    features: units.features.map((f): Feature<Geometry, FillProperties> => ({
      ...f,
      properties: { ...f.properties, fill: map.colourOf(f.properties) },
    })),
  };
}
