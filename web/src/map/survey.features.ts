/**
 * Ready surveys as GeoJSON for the map: their footprints, and one point each (well inside the
 * largest part of the footprint) for the zooms at which the footprint is too small to see — a
 * 300 m flight is a speck at the zoom that shows a soum. Each feature carries `detailZoom`, the
 * zoom from which the footprint's bbox spans DETAIL_PX on screen.
 */
import type { Feature, FeatureCollection, MultiPolygon, Point, Position } from 'geojson';
import type { Bbox, Survey, SurveyKind } from '../api/survey.types.ts';
import { largestPolygon, polygonLabelPoint } from './label.points.ts';

export interface SurveyFeatureProperties {
  readonly id: string;
  readonly name: string;
  readonly kind: SurveyKind;
  readonly detailZoom: number;
}

/** Below this many pixels across, a survey is drawn as a point. */
export const DETAIL_PX = 24;
/** MapLibre's world is 512 px wide at zoom 0. */
const WORLD_PX = 512;

function mercatorY(lat: number): number {
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

/** The zoom at which the bbox's larger side spans `px` pixels. */
export function detailZoom([w, s, e, n]: Bbox, px = DETAIL_PX): number {
  const width = Math.abs(e - w) / 360;
  const height = Math.abs(mercatorY(s) - mercatorY(n));
  const span = Math.max(width, height, 1e-12);
  return Math.log2(px / (span * WORLD_PX));
}

type Mapped = Survey & { readonly footprint: MultiPolygon; readonly bbox: Bbox };

export function onMap(surveys: readonly Survey[]): Mapped[] {
  return surveys.filter((s): s is Mapped => s.status === 'ready' && s.footprint !== null && s.bbox !== null);
}

function properties(s: Mapped): SurveyFeatureProperties {
  return { id: s.id, name: s.name, kind: s.kind, detailZoom: detailZoom(s.bbox) };
}

export function surveyFootprints(
  surveys: readonly Survey[],
): FeatureCollection<MultiPolygon, SurveyFeatureProperties> {
  return {
    type: 'FeatureCollection',
    features: onMap(surveys).map((s): Feature<MultiPolygon, SurveyFeatureProperties> => ({
      type: 'Feature',
      id: s.id,
      geometry: s.footprint,
      properties: properties(s),
    })),
  };
}

export function surveyPoints(surveys: readonly Survey[]): FeatureCollection<Point, SurveyFeatureProperties> {
  return {
    type: 'FeatureCollection',
    features: onMap(surveys).map((s): Feature<Point, SurveyFeatureProperties> => ({
      type: 'Feature',
      id: s.id,
      geometry: { type: 'Point', coordinates: surveyPoint(s.footprint) },
      properties: properties(s),
    })),
  };
}

export function surveyPoint(footprint: MultiPolygon): Position {
  return polygonLabelPoint(largestPolygon(footprint));
}
