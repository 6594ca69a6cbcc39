/**
 * The MapLibre map: plain background style, admin boundary sources and layers once the data is
 * there, the ready surveys (footprints, and points where they are too small to see) on top, hover
 * and click-to-select with a popup rendered by React (so it follows the language), layer visibility
 * from the legend, a survey to fit (`focusSurvey`, `zoomTo`), the survey imagery of the layer panel
 * (a click on it opens the point values instead of the survey's facts), clicks the analysis tools
 * take left to them, and MapLibre's own strings in the current language.
 *
 * For the browser smoke test: the container has data-testid="map", the instance is
 * `window.__belcheerMap`, `document.body.dataset.soumsLoaded` holds the number of soums once
 * their source has loaded, and `document.body.dataset.surveyFocused` the id of the survey the map
 * was last fitted to.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Map as MapLibreMap, Popup, type GeoJSONSource, type MapSourceDataEvent } from 'maplibre-gl';
import './worker.ts';
import type { AdminUnitCollection, AdminUnitProperties } from '../api/types.ts';
import type { Survey } from '../api/survey.types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ATTRIBUTION, LAYERS, SOURCES, adminLayers, nameField, selectedFilter } from './admin.layers.ts';
import { addControls, type MapControls } from './controls.ts';
import { wireInteraction, type Selection } from './interaction.ts';
import { labelPoints } from './label.points.ts';
import { LAYER_GROUPS, type LayerGroup } from './layer.groups.ts';
import { mapLocale } from './map.locale.ts';
import { aimagTints, tintExpression } from './aimag.tints.ts';
import { PALETTE } from './palette.ts';
import { baseStyle } from './style.ts';
import { onMap, surveyFootprints, surveyPoints } from './survey.features.ts';
import { SURVEY_LAYERS, SURVEY_SOURCES, surveyLayers, surveySelectedFilter } from './survey.layers.ts';
import { SurveyPopup } from './SurveyPopup.tsx';
import { UnitPopup } from './UnitPopup.tsx';
import { unionBbox, viewBounds, viewPadding, type ViewTarget } from './view.target.ts';
import type { LayerState } from '../layers/layer.state.ts';
import { PointPopup } from '../layers/PointPopup.tsx';
import { placeRasterLayers, syncRasterLayers } from './raster.layers.ts';
import { analysisOwnsClick } from '../analysis/click.owner.ts';

declare global {
  interface Window {
    __belcheerMap?: MapLibreMap;
  }
}

export interface MapViewProps {
  readonly aimags: AdminUnitCollection | null;
  readonly soums: AdminUnitCollection | null;
  /** The organisation's surveys (ready ones are drawn), or null while they load. */
  readonly surveys: readonly Survey[] | null;
  readonly visible: Readonly<Record<LayerGroup, boolean>>;
  /** A survey to fit the map to, once it is known. */
  readonly focusSurvey: string | null;
  /** Incremented to fit the map to all drawn surveys. */
  readonly fitSurveys?: number;
  /** The survey imagery layers (those `on` are drawn); a click on one asks for its point values. */
  readonly layers?: LayerState;
  /** A survey to fit the map to, once per request (`n` counts the requests). */
  readonly zoomTo?: { readonly survey: string; readonly n: number } | null;
  readonly onSelect?: (selection: Selection | null) => void;
  /** The MapLibre map once it has loaded (null after it is gone), for tools drawn on it. */
  readonly onMapReady?: (map: MapLibreMap | null) => void;
}

const NO_LAYERS: LayerState = [];
/** Room kept between a popup and the map's edge. */
const POPUP_MARGIN = 12;

/** How far to move the map so `box` lies inside `frame` (the top-left wins when it cannot). */
function overflow(box: DOMRect, frame: DOMRect): [number, number] {
  const along = (lo: number, hi: number, frameLo: number, frameHi: number): number => {
    if (lo < frameLo + POPUP_MARGIN) return lo - frameLo - POPUP_MARGIN;
    if (hi > frameHi - POPUP_MARGIN)
      return Math.min(hi - frameHi + POPUP_MARGIN, lo - frameLo - POPUP_MARGIN);
    return 0;
  };
  return [
    along(box.left, box.right, frame.left, frame.right),
    along(box.top, box.bottom, frame.top, frame.bottom),
  ];
}

function byCode(fc: AdminUnitCollection | null): Map<string, AdminUnitProperties> {
  return new Map((fc?.features ?? []).map((f) => [f.properties.code, f.properties]));
}

function targetOf(surveys: readonly Survey[] | null, id: string | null): ViewTarget | null {
  const bbox = id ? surveys?.find((s) => s.id === id)?.bbox : null;
  return bbox ? { kind: 'survey', id: id ?? '', bbox } : null;
}

export function MapView({
  aimags,
  soums,
  surveys,
  visible,
  focusSurvey,
  fitSurveys = 0,
  layers = NO_LAYERS,
  zoomTo = null,
  onSelect,
  onMapReady,
}: MapViewProps): ReactNode {
  const { lang, t } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [layersReady, setLayersReady] = useState(false);
  const [selected, setSelected] = useState<Selection | null>(null);
  const popupNode = useMemo(() => document.createElement('div'), []);
  const popupRef = useRef<Popup | null>(null);
  const controlsRef = useRef<MapControls | null>(null);
  const targetRef = useRef<ViewTarget>(targetOf(surveys, focusSurvey) ?? { kind: 'mongolia' });
  /** The survey the map was last fitted to, so a list update does not fit it again. */
  const focusedRef = useRef<string | null>(null);
  const fitRef = useRef<(target: ViewTarget, animate: boolean) => void>(() => undefined);
  const i18nRef = useRef({ lang, t });
  i18nRef.current = { lang, t };

  // The map itself, once; it opens on the focused survey when that is already known.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const initial = targetRef.current;
    const m = new MapLibreMap({
      container,
      style: baseStyle(),
      bounds: viewBounds(initial),
      fitBoundsOptions: { padding: viewPadding(initial, container), maxZoom: 19 },
      locale: mapLocale(i18nRef.current.t),
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      minZoom: 2,
      maxZoom: 20,
    });
    m.touchZoomRotate.disableRotation();
    if (initial.kind === 'survey') {
      focusedRef.current = initial.id;
      document.body.dataset.surveyFocused = initial.id;
    }
    // Until the user moves the map, a resize (rotated phone, resized window) fits the target again.
    let userMoved = false;
    const fit = (target: ViewTarget, animate: boolean): void => {
      userMoved = false;
      targetRef.current = target;
      // A flight from Mongolia down to a 300 m survey would take many seconds at MapLibre's pace.
      m.fitBounds(viewBounds(target), {
        padding: viewPadding(target, container),
        maxZoom: 19,
        animate,
        maxDuration: 1800,
      });
    };
    fitRef.current = fit;
    m.on('movestart', (e) => {
      if (e.originalEvent) userMoved = true;
    });
    m.on('resize', () => {
      if (!userMoved) fit(targetRef.current, false);
    });
    const popup = new Popup({
      closeButton: true,
      closeOnClick: false,
      maxWidth: '320px',
      className: 'unit-popup',
      focusAfterOpen: false,
    });
    popup.on('close', () => setSelected(null));
    popupRef.current = popup;
    window.__belcheerMap = m;
    m.on('load', () => {
      m.addSource(SURVEY_SOURCES.footprints, {
        type: 'geojson',
        data: surveyFootprints([]),
        promoteId: 'id',
      });
      m.addSource(SURVEY_SOURCES.points, { type: 'geojson', data: surveyPoints([]), promoteId: 'id' });
      for (const layer of surveyLayers()) m.addLayer(layer);
      setMap(m);
    });
    // A click the analysis tools take (drawing, a unit of the choropleth) selects nothing here.
    const select = (s: Selection | null): void => {
      if (!s || !analysisOwnsClick(m, s.lngLat)) setSelected(s);
    };
    const unwire = wireInteraction(m, select, () => focusedRef.current);
    return () => {
      unwire();
      popup.remove();
      controlsRef.current = null;
      m.remove();
      if (window.__belcheerMap === m) delete window.__belcheerMap;
      delete document.body.dataset.soumsLoaded;
      delete document.body.dataset.surveyFocused;
      setMap(null);
      setLayersReady(false);
    };
  }, []);

  useEffect(() => onMapReady?.(map), [map, onMapReady]);

  // Admin sources and layers, under the surveys, when both the map and the data are there.
  useEffect(() => {
    if (!map || !aimags || !soums || map.getSource(SOURCES.soums)) return;
    const onData = (e: MapSourceDataEvent): void => {
      if (e.sourceId === SOURCES.soums && e.isSourceLoaded) {
        document.body.dataset.soumsLoaded = String(soums.features.length);
        map.off('sourcedata', onData);
      }
    };
    map.on('sourcedata', onData);
    map.addSource(SOURCES.aimags, { type: 'geojson', data: aimags });
    map.addSource(SOURCES.soums, {
      type: 'geojson',
      data: soums,
      promoteId: 'code',
      attribution: ATTRIBUTION,
    });
    map.addSource(SOURCES.aimagLabels, { type: 'geojson', data: labelPoints(aimags) });
    map.addSource(SOURCES.soumLabels, { type: 'geojson', data: labelPoints(soums) });
    const tint = tintExpression(aimagTints(aimags, PALETTE.aimagTints), PALETTE.soumFill);
    for (const layer of adminLayers(i18nRef.current.lang, tint)) map.addLayer(layer, SURVEY_LAYERS.fill);
    placeRasterLayers(map);
    setLayersReady(true);
    return () => {
      map.off('sourcedata', onData);
    };
  }, [map, aimags, soums]);

  // Surveys: the drawn footprints and points follow the list (a survey that turns ready appears);
  // the list changes every poll, the drawn surveys only when one is ready, renamed or gone.
  const drawn = useMemo(() => onMap(surveys ?? []), [surveys]);
  const drawnKey = drawn.map((s) => `${s.id}@${s.updatedAt}`).join(',');
  const drawnRef = useRef(drawn);
  drawnRef.current = drawn;
  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(SURVEY_SOURCES.footprints)?.setData(surveyFootprints(drawnRef.current));
    map.getSource<GeoJSONSource>(SURVEY_SOURCES.points)?.setData(surveyPoints(drawnRef.current));
  }, [map, drawnKey]);

  // The survey to show: fitted once per id, as soon as its bbox is known.
  useEffect(() => {
    if (!map || !focusSurvey || focusedRef.current === focusSurvey) return;
    const target = targetOf(surveys, focusSurvey);
    if (!target) return;
    fitRef.current(target, true);
    focusedRef.current = focusSurvey;
    document.body.dataset.surveyFocused = focusSurvey;
  }, [map, surveys, focusSurvey]);

  // Survey imagery: raster layers, and the footprint fill cleared where they are on.
  const rasterOn = useMemo(() => new Set(layers.filter((l) => l.on).map((l) => l.survey)), [layers]);
  useEffect(() => {
    if (!map) return;
    syncRasterLayers(map, layers);
  }, [map, layers]);
  useEffect(() => {
    if (!map) return;
    for (const s of drawnRef.current)
      map.setFeatureState({ source: SURVEY_SOURCES.footprints, id: s.id }, { raster: rasterOn.has(s.id) });
  }, [map, rasterOn, drawnKey]);

  // "Zoom to" from the layer panel.
  useEffect(() => {
    if (!map || !zoomTo) return;
    const target = targetOf(drawnRef.current, zoomTo.survey);
    if (!target) return;
    focusedRef.current = zoomTo.survey;
    fitRef.current(target, true);
  }, [map, zoomTo]);

  // "All surveys" from the legend.
  useEffect(() => {
    const bbox = unionBbox(drawnRef.current.map((s) => s.bbox));
    if (!map || fitSurveys === 0 || !bbox) return;
    fitRef.current({ kind: 'surveys', bbox }, true);
  }, [map, fitSurveys]);

  // Language: label fields and MapLibre's controls.
  useEffect(() => {
    if (!map) return;
    controlsRef.current?.remove();
    controlsRef.current = addControls(map, t, () => fitRef.current({ kind: 'mongolia' }, true));
    if (!layersReady) return;
    for (const id of [LAYERS.aimagLabel, LAYERS.soumLabel])
      map.setLayoutProperty(id, 'text-field', nameField(lang));
  }, [map, layersReady, lang, t]);

  // Legend toggles.
  useEffect(() => {
    if (!map) return;
    for (const [group, ids] of Object.entries(LAYER_GROUPS) as [LayerGroup, readonly string[]][]) {
      for (const id of ids) {
        if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible[group] ? 'visible' : 'none');
      }
    }
  }, [map, layersReady, visible]);

  // Selection: outlines and popup.
  const highlighted = selected?.kind === 'survey' ? selected.id : focusSurvey;
  useEffect(() => {
    onSelect?.(selected);
    const popup = popupRef.current;
    if (!map || !popup) return;
    map.setFilter(SURVEY_LAYERS.selected, surveySelectedFilter(highlighted));
    if (layersReady)
      map.setFilter(LAYERS.soumSelected, selectedFilter(selected?.kind === 'soum' ? selected.code : null));
    if (!selected) {
      if (popup.isOpen()) popup.remove();
      return;
    }
    popup.setLngLat([selected.lngLat[0], selected.lngLat[1]]);
    if (!popup.isOpen()) popup.setDOMContent(popupNode).addTo(map);
  }, [map, layersReady, selected, highlighted, popupNode, onSelect]);

  // A popup whose content grows after opening (point values arriving) is anchored again and the
  // map moved so it is all in view.
  useEffect(() => {
    const observer = new ResizeObserver(() => {
      const popup = popupRef.current;
      const container = containerRef.current;
      if (!map || !container || !popup?.isOpen()) return;
      popup.setLngLat(popup.getLngLat());
      const [dx, dy] = overflow(
        popup.getElement().getBoundingClientRect(),
        container.getBoundingClientRect(),
      );
      if (dx !== 0 || dy !== 0) map.panBy([dx, dy], { duration: 200 });
    });
    observer.observe(popupNode);
    return () => observer.disconnect();
  }, [map, popupNode]);

  const soumsByCode = useMemo(() => byCode(soums), [soums]);
  const aimagsByCode = useMemo(() => byCode(aimags), [aimags]);
  const unit = selected?.kind === 'soum' ? soumsByCode.get(selected.code) : undefined;
  const aimag = unit?.parent_code ? (aimagsByCode.get(unit.parent_code) ?? null) : null;
  const survey = selected?.kind === 'survey' ? surveys?.find((s) => s.id === selected.id) : undefined;
  const raster = survey ? layers.find((l) => l.survey === survey.id && l.on) : undefined;

  return (
    <>
      <div ref={containerRef} className="map" data-testid="map" role="region" aria-label={t('map.title')} />
      {unit && createPortal(<UnitPopup unit={unit} aimag={aimag} />, popupNode)}
      {survey &&
        selected &&
        createPortal(
          raster ? (
            <PointPopup survey={survey} lngLat={selected.lngLat} layer={raster} />
          ) : (
            <SurveyPopup survey={survey} />
          ),
          popupNode,
        )}
    </>
  );
}
