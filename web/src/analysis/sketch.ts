/**
 * The polygon being drawn, as pure data: its vertices (lon/lat), whether a click closes it (near the
 * first vertex on screen, or a double-click), the closed Polygon, and the GeoJSON the sketch layers
 * draw — the outline so far, the line to the pointer, the vertices, and the fill once it has three.
 */
import type { Feature, FeatureCollection, Polygon } from 'geojson';

export type LngLat = readonly [number, number];

/** Screen distance, px, within which a click on the first vertex closes the ring. */
export const CLOSE_TOLERANCE_PX = 10;

export function nearFirst(
  first: { readonly x: number; readonly y: number },
  click: { readonly x: number; readonly y: number },
): boolean {
  return Math.hypot(first.x - click.x, first.y - click.y) <= CLOSE_TOLERANCE_PX;
}

/** The closed polygon of at least three vertices (first repeated at the end), or null. */
export function closedPolygon(vertices: readonly LngLat[]): Polygon | null {
  // A double-click also lands as two clicks on one spot: repeated vertices are dropped.
  const distinct = vertices.filter(
    (v, i) => i === 0 || v[0] !== vertices[i - 1]?.[0] || v[1] !== vertices[i - 1]?.[1],
  );
  const first = distinct[0];
  if (!first || distinct.length < 3) return null;
  return { type: 'Polygon', coordinates: [[...distinct.map((v) => [v[0], v[1]]), [first[0], first[1]]]] };
}

/** What the sketch layers draw: `role` is fill, line or vertex. */
export function sketchFeatures(vertices: readonly LngLat[], pointer: LngLat | null): FeatureCollection {
  const path = pointer ? [...vertices, pointer] : [...vertices];
  const features: Feature[] = vertices.map((v, i) => ({
    type: 'Feature',
    properties: { role: 'vertex', first: i === 0 },
    geometry: { type: 'Point', coordinates: [v[0], v[1]] },
  }));
  if (path.length >= 2)
    features.push({
      type: 'Feature',
      properties: { role: 'line' },
      geometry: { type: 'LineString', coordinates: path.map((v) => [v[0], v[1]]) },
    });
  const polygon = closedPolygon(path);
  if (polygon) features.unshift({ type: 'Feature', properties: { role: 'fill' }, geometry: polygon });
  return { type: 'FeatureCollection', features };
}
