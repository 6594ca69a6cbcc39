/**
 * The MapLibre map: plain background style, admin boundary sources and layers once the data is
 * there, hover and click-to-select with a popup rendered by React (so it follows the language),
 * layer visibility from the legend, and MapLibre's own strings in the current language.
 *
 * For the browser smoke test: the container has data-testid="map", the instance is
 * `window.__belcheerMap`, and `document.body.dataset.soumsLoaded` holds the number of soums once
 * their source has loaded.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Map as MapLibreMap, Popup, type MapSourceDataEvent } from 'maplibre-gl';
import './worker.ts';
import type { AdminUnitCollection, AdminUnitProperties } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import {
  ATTRIBUTION,
  LAYERS,
  LAYER_GROUPS,
  SOURCES,
  adminLayers,
  nameField,
  selectedFilter,
  type LayerGroup,
} from './admin.layers.ts';
import { addControls, type MapControls } from './controls.ts';
import { wireSoumInteraction, type Selection } from './interaction.ts';
import { labelPoints } from './label.points.ts';
import { mapLocale } from './map.locale.ts';
import { aimagTints, tintExpression } from './aimag.tints.ts';
import { PALETTE } from './palette.ts';
import { baseStyle, fitPadding, MONGOLIA_BOUNDS } from './style.ts';
import { UnitPopup } from './UnitPopup.tsx';

declare global {
  interface Window {
    __belcheerMap?: MapLibreMap;
  }
}

export interface MapViewProps {
  readonly aimags: AdminUnitCollection | null;
  readonly soums: AdminUnitCollection | null;
  readonly visible: Readonly<Record<LayerGroup, boolean>>;
  readonly onSelect?: (code: string | null) => void;
}

function byCode(fc: AdminUnitCollection | null): Map<string, AdminUnitProperties> {
  return new Map((fc?.features ?? []).map((f) => [f.properties.code, f.properties]));
}

export function MapView({ aimags, soums, visible, onSelect }: MapViewProps): ReactNode {
  const { lang, t } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [layersReady, setLayersReady] = useState(false);
  const [selected, setSelected] = useState<Selection | null>(null);
  const popupNode = useMemo(() => document.createElement('div'), []);
  const popupRef = useRef<Popup | null>(null);
  const controlsRef = useRef<MapControls | null>(null);
  const fitRef = useRef<(animate: boolean) => void>(() => undefined);
  const i18nRef = useRef({ lang, t });
  i18nRef.current = { lang, t };

  // The map itself, once.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const m = new MapLibreMap({
      container,
      style: baseStyle(),
      bounds: MONGOLIA_BOUNDS,
      fitBoundsOptions: { padding: fitPadding(container) },
      locale: mapLocale(i18nRef.current.t),
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      minZoom: 2,
      maxZoom: 14,
    });
    m.touchZoomRotate.disableRotation();
    // Until the user moves the map, a resize (rotated phone, resized window) fits Mongolia again.
    let userMoved = false;
    const fit = (animate: boolean): void => {
      userMoved = false;
      m.fitBounds(MONGOLIA_BOUNDS, { padding: fitPadding(container), animate });
    };
    fitRef.current = fit;
    m.on('movestart', (e) => {
      if (e.originalEvent) userMoved = true;
    });
    m.on('resize', () => {
      if (!userMoved) fit(false);
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
    m.on('load', () => setMap(m));
    return () => {
      popup.remove();
      controlsRef.current = null;
      m.remove();
      if (window.__belcheerMap === m) delete window.__belcheerMap;
      delete document.body.dataset.soumsLoaded;
      setMap(null);
      setLayersReady(false);
    };
  }, []);

  // Sources and layers, when both the map and the data are there.
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
    for (const layer of adminLayers(i18nRef.current.lang, tint)) map.addLayer(layer);
    const unwire = wireSoumInteraction(map, setSelected);
    setLayersReady(true);
    return () => {
      unwire();
      map.off('sourcedata', onData);
    };
  }, [map, aimags, soums]);

  // Language: label fields and MapLibre's controls.
  useEffect(() => {
    if (!map) return;
    controlsRef.current?.remove();
    controlsRef.current = addControls(map, t, () => fitRef.current(true));
    if (!layersReady) return;
    for (const id of [LAYERS.aimagLabel, LAYERS.soumLabel])
      map.setLayoutProperty(id, 'text-field', nameField(lang));
  }, [map, layersReady, lang, t]);

  // Legend toggles.
  useEffect(() => {
    if (!map || !layersReady) return;
    for (const [group, ids] of Object.entries(LAYER_GROUPS) as [LayerGroup, readonly string[]][]) {
      for (const id of ids) map.setLayoutProperty(id, 'visibility', visible[group] ? 'visible' : 'none');
    }
  }, [map, layersReady, visible]);

  // Selection: outline and popup.
  useEffect(() => {
    onSelect?.(selected?.code ?? null);
    const popup = popupRef.current;
    if (!map || !layersReady || !popup) return;
    map.setFilter(LAYERS.soumSelected, selectedFilter(selected?.code ?? null));
    if (!selected) {
      if (popup.isOpen()) popup.remove();
      return;
    }
    popup.setLngLat([selected.lngLat[0], selected.lngLat[1]]);
    if (!popup.isOpen()) popup.setDOMContent(popupNode).addTo(map);
  }, [map, layersReady, selected, popupNode, onSelect]);

  const soumsByCode = useMemo(() => byCode(soums), [soums]);
  const aimagsByCode = useMemo(() => byCode(aimags), [aimags]);
  const unit = selected ? soumsByCode.get(selected.code) : undefined;
  const aimag = unit?.parent_code ? (aimagsByCode.get(unit.parent_code) ?? null) : null;

  return (
    <>
      <div ref={containerRef} className="map" data-testid="map" role="region" aria-label={t('map.title')} />
      {unit && createPortal(<UnitPopup unit={unit} aimag={aimag} />, popupNode)}
    </>
  );
}
