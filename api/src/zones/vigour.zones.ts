/**
 * Vigour zones of an index grid over a unit: class breaks (quantiles or Fisher–Jenks), classes,
 * islands under the minimum area merged into their neighbours, one MultiPolygon per class traced on
 * pixel edges and then clipped to the unit's outline, with the class's statistics (over its pixels)
 * and a suggested relative rate for a prescription (the zone number: 1 = lowest vigour). All in the
 * raster's CRS.
 * Reference: issue 6 (cropland vigour zones, as Pix4Dfields and Solvi); processing/src/zones.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { featureCollection, intersect, multiPolygon } from '@turf/turf';
import {
  cellAreaOfRow,
  classify,
  jenksBreaks,
  mergeSmallIslands,
  polygonizeClasses,
  quantileBreaks,
  zoneClassStats,
  zoneFeatures,
  type Crs,
  type Ring,
  type ZoneFeature,
  type ZoneProperties,
} from '@belcheer/processing';
import type { IndexGrid } from './unit.index.grid.ts';

export const ZONE_METHODS = ['quantile', 'jenks'] as const;
export type ZoneMethod = (typeof ZONE_METHODS)[number];

export interface ZoneOptions {
  readonly classes: number;
  readonly method: ZoneMethod;
  /** Islands smaller than this (m²) are merged into the class they share the longest border with. */
  readonly minAreaM2: number;
}

export interface RatedZoneProperties extends ZoneProperties {
  /** Suggested relative rate of a variable-rate prescription: the zone number (1 = lowest vigour). */
  readonly rate: number;
}

export interface RatedZone {
  readonly type: 'Feature';
  readonly properties: RatedZoneProperties;
  readonly geometry: { readonly type: 'MultiPolygon'; readonly coordinates: Ring[][] };
}

export interface VigourZones {
  readonly type: 'FeatureCollection';
  readonly features: RatedZone[];
  readonly breaks: number[];
}

/** The zone's polygons within the unit (empty when nothing is left). */
function clipToUnit(zone: ZoneFeature, unit: Polygon | MultiPolygon): Ring[][] {
  const unitFeature = { type: 'Feature' as const, properties: {}, geometry: unit };
  const clipped = intersect(featureCollection([multiPolygon(zone.geometry.coordinates), unitFeature]));
  if (!clipped) return [];
  const g = clipped.geometry;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons as Ring[][];
}

/** Vigour zones of `grid` (NaN outside the unit), clipped to `unit`; both in the raster's `crs`. */
export function vigourZones(
  grid: IndexGrid,
  crs: Crs,
  unit: Polygon | MultiPolygon,
  options: ZoneOptions,
): VigourZones {
  const { values, width, height, transform } = grid;
  const breaks =
    options.method === 'jenks'
      ? jenksBreaks(values, options.classes)
      : quantileBreaks(values, options.classes);
  const cellArea = cellAreaOfRow({ crs, transform });
  const minPixels = Math.max(1, Math.ceil(options.minAreaM2 / cellArea(Math.floor(height / 2))));
  const classes = mergeSmallIslands(classify(values, breaks), width, height, minPixels);
  const zones = zoneFeatures(
    polygonizeClasses(classes, width, height, transform),
    zoneClassStats(values, classes, width, cellArea),
    breaks,
  );
  const features = zones.features.flatMap((zone): RatedZone[] => {
    const coordinates = clipToUnit(zone, unit);
    if (coordinates.length === 0) return [];
    return [
      {
        type: 'Feature',
        properties: { ...zone.properties, rate: zone.properties.zone },
        geometry: { type: 'MultiPolygon', coordinates },
      },
    ];
  });
  return { type: 'FeatureCollection', features, breaks };
}
