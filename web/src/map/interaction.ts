/**
 * Pointer interaction with the soum layer: hover highlight through feature state (the soum source
 * promotes `code` to the feature id) and a click that selects the soum under the pointer, or clears
 * the selection when the click lands outside every soum.
 */
import type { Map as MapLibreMap, MapLayerMouseEvent, MapMouseEvent } from 'maplibre-gl';
import { LAYERS, SOURCES } from './admin.layers.ts';

export interface Selection {
  readonly code: string;
  readonly lngLat: readonly [number, number];
}

export function wireSoumInteraction(
  map: MapLibreMap,
  onSelect: (selection: Selection | null) => void,
): () => void {
  let hovered: string | number | null = null;
  const setHover = (id: string | number | null): void => {
    if (hovered === id) return;
    if (hovered !== null) map.setFeatureState({ source: SOURCES.soums, id: hovered }, { hover: false });
    hovered = id;
    if (id !== null) map.setFeatureState({ source: SOURCES.soums, id }, { hover: true });
    map.getCanvas().style.cursor = id === null ? '' : 'pointer';
  };
  const onMove = (e: MapLayerMouseEvent): void => setHover(e.features?.[0]?.id ?? null);
  const onLeave = (): void => setHover(null);
  const onClick = (e: MapMouseEvent): void => {
    const feature = map.queryRenderedFeatures(e.point, { layers: [LAYERS.soumFill] })[0];
    const code: unknown = feature?.properties.code;
    onSelect(typeof code === 'string' ? { code, lngLat: [e.lngLat.lng, e.lngLat.lat] } : null);
  };
  map.on('mousemove', LAYERS.soumFill, onMove);
  map.on('mouseleave', LAYERS.soumFill, onLeave);
  map.on('click', onClick);
  return () => {
    map.off('mousemove', LAYERS.soumFill, onMove);
    map.off('mouseleave', LAYERS.soumFill, onLeave);
    map.off('click', onClick);
  };
}
