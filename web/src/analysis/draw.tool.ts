/**
 * Drawing one polygon on the MapLibre map: a click adds a corner, a double-click or a click on the
 * first corner closes the ring (three corners at least), Esc cancels. The sketch follows the pointer;
 * double-click zoom is off while drawing. Returns the function that stops drawing.
 */
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { Polygon } from 'geojson';
import { closedPolygon, nearFirst, sketchFeatures, type LngLat } from './sketch.ts';
import { removeSketch, showSketch } from './sketch.layers.ts';

/** On the map container while drawing: a crosshair cursor (analysis.css). */
export const DRAWING_CLASS = 'map--drawing';

export interface DrawHandlers {
  readonly onClose: (polygon: Polygon) => void;
  readonly onCancel: () => void;
}

export function drawPolygon(map: MapLibreMap, { onClose, onCancel }: DrawHandlers): () => void {
  const vertices: LngLat[] = [];
  const zoomOnDoubleClick = map.doubleClickZoom.isEnabled();
  const container = map.getContainer();
  const draw = (pointer: LngLat | null): void => showSketch(map, sketchFeatures(vertices, pointer));
  const finish = (): void => {
    const polygon = closedPolygon(vertices);
    if (!polygon) return;
    stop();
    // What was drawn stays on the map as the area the statistics are about.
    showSketch(map, sketchFeatures(vertices, vertices[0] ?? null));
    onClose(polygon);
  };
  const onClick = (e: MapMouseEvent): void => {
    const first = vertices[0];
    if (first && vertices.length >= 3 && nearFirst(map.project([first[0], first[1]]), e.point))
      return finish();
    vertices.push([e.lngLat.lng, e.lngLat.lat]);
    draw(null);
  };
  const onDoubleClick = (e: MapMouseEvent): void => {
    e.preventDefault();
    finish();
  };
  const onMove = (e: MapMouseEvent): void => {
    if (vertices.length > 0) draw([e.lngLat.lng, e.lngLat.lat]);
  };
  const onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    stop();
    removeSketch(map);
    onCancel();
  };
  function stop(): void {
    map.off('click', onClick);
    map.off('dblclick', onDoubleClick);
    map.off('mousemove', onMove);
    window.removeEventListener('keydown', onKey);
    container.classList.remove(DRAWING_CLASS);
    // Re-enabled after the double-click has passed, so it does not zoom.
    if (zoomOnDoubleClick) setTimeout(() => map.doubleClickZoom.enable(), 0);
  }
  removeSketch(map);
  map.doubleClickZoom.disable();
  container.classList.add(DRAWING_CLASS);
  map.on('click', onClick);
  map.on('dblclick', onDoubleClick);
  map.on('mousemove', onMove);
  window.addEventListener('keydown', onKey);
  return stop;
}
