/**
 * Pointer interaction with the map: hover highlight through feature state (the soum source promotes
 * `code`, the survey sources `id`, to the feature id) and a click that selects what is under the
 * pointer — a survey first (they lie on top and are small; where surveys overlap, the one the map was
 * fitted to), else a soum — or clears the selection when the click lands on neither.
 */
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { LAYERS, SOURCES } from './admin.layers.ts';
import { SURVEY_HIT_LAYERS, SURVEY_SOURCES } from './survey.layers.ts';

export type Selection =
  | { readonly kind: 'soum'; readonly code: string; readonly lngLat: readonly [number, number] }
  | { readonly kind: 'survey'; readonly id: string; readonly lngLat: readonly [number, number] };

type Hovered = { readonly source: string; readonly id: string | number } | null;

function present(map: MapLibreMap, layers: readonly string[]): string[] {
  return layers.filter((id) => map.getLayer(id));
}

export function wireInteraction(
  map: MapLibreMap,
  onSelect: (selection: Selection | null) => void,
  preferredSurvey: () => string | null,
): () => void {
  let hovered: Hovered = null;
  const setHover = (next: Hovered): void => {
    if (hovered?.source === next?.source && hovered?.id === next?.id) return;
    if (hovered) map.setFeatureState(hovered, { hover: false });
    hovered = next;
    if (next) map.setFeatureState(next, { hover: true });
    map.getCanvas().style.cursor = next ? 'pointer' : '';
  };
  const surveyAt = (e: MapMouseEvent): string | null => {
    const ids = map
      .queryRenderedFeatures(e.point, { layers: present(map, SURVEY_HIT_LAYERS) })
      .map((f): unknown => f.properties.id)
      .filter((id): id is string => typeof id === 'string');
    const preferred = preferredSurvey();
    return preferred !== null && ids.includes(preferred) ? preferred : (ids[0] ?? null);
  };
  const soumAt = (e: MapMouseEvent): string | null => {
    const hit = map.queryRenderedFeatures(e.point, { layers: present(map, [LAYERS.soumFill]) })[0];
    const code: unknown = hit?.properties.code;
    return typeof code === 'string' ? code : null;
  };
  const onMove = (e: MapMouseEvent): void => {
    const survey = surveyAt(e);
    if (survey) return setHover({ source: SURVEY_SOURCES.footprints, id: survey });
    const code = soumAt(e);
    setHover(code ? { source: SOURCES.soums, id: code } : null);
  };
  const onLeave = (): void => setHover(null);
  const onClick = (e: MapMouseEvent): void => {
    const lngLat: [number, number] = [e.lngLat.lng, e.lngLat.lat];
    const survey = surveyAt(e);
    if (survey) return onSelect({ kind: 'survey', id: survey, lngLat });
    const code = soumAt(e);
    onSelect(code ? { kind: 'soum', code, lngLat } : null);
  };
  map.on('mousemove', onMove);
  map.on('mouseout', onLeave);
  map.on('click', onClick);
  return () => {
    map.off('mousemove', onMove);
    map.off('mouseout', onLeave);
    map.off('click', onClick);
  };
}
