/**
 * Vigour zones as features: one MultiPolygon per class with its statistics and its index range
 * (the breaks around it), as a GeoJSON FeatureCollection in the raster's CRS (reproject before
 * publishing as RFC 7946 WGS 84) and as rows for the Shapefile export.
 * Reference: issue 6 (vigour zones exportable as GeoJSON and zipped Shapefile, as Pix4Dfields and Solvi).
 */
import { ValidationError } from '../errors.ts';
import type { ClassPolygons, Ring } from './polygonize.ts';
import type { ZoneClassStats } from './zone.stats.ts';

/** The attributes of one zone; `zone` counts from 1 (lowest vigour). */
export interface ZoneProperties {
  readonly zone: number;
  /** Index range of the class: [breaks[cls − 1], breaks[cls]); null at the open ends. */
  readonly from: number | null;
  readonly to: number | null;
  readonly pixels: number;
  readonly area_ha: number;
  readonly mean: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export interface ZoneFeature {
  readonly type: 'Feature';
  readonly properties: ZoneProperties;
  readonly geometry: { readonly type: 'MultiPolygon'; readonly coordinates: Ring[][] };
}

export interface ZoneFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: ZoneFeature[];
}

/** Features of the zones: polygons and stats of the same classes, breaks as used by classify. */
export function zoneFeatures(
  polygons: ReadonlyArray<ClassPolygons>,
  stats: ReadonlyArray<ZoneClassStats>,
  breaks: ReadonlyArray<number>,
): ZoneFeatureCollection {
  const byClass = new Map(stats.map((s) => [s.cls, s]));
  const features = polygons.map((p): ZoneFeature => {
    const s = byClass.get(p.cls);
    if (!s) throw new ValidationError(`zone class ${p.cls} has polygons but no statistics`);
    return {
      type: 'Feature',
      properties: {
        zone: p.cls + 1,
        from: p.cls > 0 ? breaks[p.cls - 1]! : null,
        to: p.cls < breaks.length ? breaks[p.cls]! : null,
        pixels: s.pixels,
        area_ha: s.areaHa,
        mean: s.mean,
        min: s.min,
        max: s.max,
      },
      geometry: { type: 'MultiPolygon', coordinates: p.coordinates },
    };
  });
  return { type: 'FeatureCollection', features };
}
