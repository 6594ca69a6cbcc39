/**
 * The planning map: soum and aimag boundaries for context (backdrop.layers.ts), pasture units
 * coloured by season or use and outlined, the selected ones outlined darker, the unsaved shape dashed
 * (a drawn unit keeps its outline once drawing ends), and the drawing tools of terra-draw (draw a new unit, move a unit's vertices, draw a line to split one),
 * with the area of the polygon being drawn reported live; a marker where the server found a
 * geometry wrong. Like the main map, the instance is `window.__belcheerMap` for the browser tests.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Map as MapLibreMap, Marker, type GeoJSONSource, type LngLatBoundsLike } from 'maplibre-gl';
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawPolygonMode,
  TerraDrawRenderMode,
  TerraDrawSelectMode,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { bbox } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import '../map/worker.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { nameField } from '../map/admin.layers.ts';
import { baseStyle, MONGOLIA_BOUNDS } from '../map/style.ts';
import { BACKDROP_LABELS, BACKDROP_SOURCE, backdropLayers, backdropSource } from './backdrop.layers.ts';
import { colourExpression, type ColourBy } from './unit.colours.ts';
import { areaHa, fromParts, partsOf } from './unit.geometry.ts';
import type { Unit } from './units.api.ts';

export type Tool = 'none' | 'draw' | 'edit' | 'split';

export interface UnitsMapProps {
  readonly units: readonly Unit[];
  readonly colourBy: ColourBy;
  readonly selected: readonly string[];
  readonly tool: Tool;
  /** The unit to edit when `tool` is `edit`: each of its polygons can be selected and reshaped. */
  readonly editing: MultiPolygon | null;
  /** The shape drawn or edited but not saved yet, outlined dashed. */
  readonly draft: Polygon | MultiPolygon | null;
  readonly marker: Position | null;
  /** Fit the map to this unit (or these bounds) once per change of `fit.n`. */
  readonly fit: { readonly bounds: LngLatBoundsLike; readonly n: number } | null;
  readonly onPick: (id: string | null, add: boolean) => void;
  readonly onPolygon: (geometry: Polygon) => void;
  /** The edited unit's shape after each change of a vertex. */
  readonly onEdited: (geometry: Polygon | MultiPolygon) => void;
  readonly onLine: (line: Position[]) => void;
  readonly onLiveArea: (ha: number | null) => void;
}

const SOURCE = 'planning-units';
const FILL = 'planning-units-fill';
const DRAFT = 'planning-draft';

const draftData = (geometry: Polygon | MultiPolygon | null): FeatureCollection => ({
  type: 'FeatureCollection',
  features: geometry ? [{ type: 'Feature', geometry, properties: {} }] : [],
});

function collection(units: readonly Unit[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: units.map((u) => ({
      type: 'Feature',
      id: u.id,
      geometry: u.geometry,
      properties: {
        id: u.id,
        season: u.properties.season,
        use: u.properties.use,
        deleted: !!u.properties.deleted_at,
      },
    })),
  };
}

export function boundsOf(geometry: Parameters<typeof bbox>[0]): LngLatBoundsLike {
  const [w, s, e, n] = bbox(geometry);
  return [
    [w, s],
    [e, n],
  ];
}

export function UnitsMap(props: UnitsMapProps): ReactNode {
  const { units, colourBy, selected, tool, editing, draft, marker, fit } = props;
  const { lang } = useI18n();
  const langRef = useRef(lang);
  langRef.current = lang;
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const drawRef = useRef<TerraDraw | null>(null);
  const handlers = useRef(props);
  handlers.current = props;
  const toolRef = useRef(tool);
  toolRef.current = tool;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const m = new MapLibreMap({
      container,
      style: baseStyle(),
      bounds: MONGOLIA_BOUNDS,
      attributionControl: false,
      dragRotate: false,
      doubleClickZoom: false,
      maxZoom: 20,
    });
    window.__belcheerMap = m;
    m.on('load', () => {
      m.addSource(BACKDROP_SOURCE, backdropSource());
      for (const layer of backdropLayers(langRef.current)) m.addLayer(layer);
      m.addSource(SOURCE, { type: 'geojson', data: collection([]), promoteId: 'id' });
      m.addLayer({ id: FILL, type: 'fill', source: SOURCE, paint: { 'fill-opacity': 0.55 } });
      m.addLayer({
        id: 'planning-units-line',
        type: 'line',
        source: SOURCE,
        paint: { 'line-color': '#3b3225', 'line-width': 1.5 },
      });
      m.addLayer({
        id: 'planning-units-selected',
        type: 'line',
        source: SOURCE,
        filter: ['in', ['get', 'id'], ['literal', []]],
        paint: { 'line-color': '#111111', 'line-width': 3 },
      });
      m.addSource(DRAFT, { type: 'geojson', data: draftData(null) });
      m.addLayer({
        id: DRAFT,
        type: 'line',
        source: DRAFT,
        paint: { 'line-color': '#111111', 'line-width': 2.5, 'line-dasharray': [2, 1.5] },
      });
      const draw = new TerraDraw({
        adapter: new TerraDrawMapLibreGLAdapter({ map: m }),
        modes: [
          new TerraDrawPolygonMode(),
          new TerraDrawLineStringMode(),
          new TerraDrawRenderMode({ modeName: 'static', styles: {} }),
          new TerraDrawSelectMode({
            flags: {
              polygon: { feature: { coordinates: { draggable: true, midpoints: true, deletable: true } } },
            },
          }),
        ],
      });
      draw.start();
      draw.setMode('static');
      draw.on('change', () => {
        const polygons = draw
          .getSnapshot()
          .flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry as Polygon] : []))
          .filter((p) => (p.coordinates[0]?.length ?? 0) >= 4);
        const shape = fromParts(polygons);
        handlers.current.onLiveArea(shape ? areaHa(shape) : null);
        if (toolRef.current === 'edit' && shape) handlers.current.onEdited(shape);
      });
      draw.on('finish', (id) => {
        const f = draw.getSnapshotFeature(id);
        if (f?.geometry.type === 'Polygon' && toolRef.current === 'draw')
          handlers.current.onPolygon(f.geometry);
        if (f?.geometry.type === 'LineString') handlers.current.onLine(f.geometry.coordinates);
      });
      drawRef.current = draw;
      setMap(m);
    });
    m.on('click', (e) => {
      if (toolRef.current !== 'none' || !m.getLayer(FILL)) return;
      const hit = m.queryRenderedFeatures(e.point, { layers: [FILL] })[0];
      handlers.current.onPick(hit ? String(hit.properties.id) : null, e.originalEvent.shiftKey);
    });
    return () => {
      drawRef.current?.stop();
      drawRef.current = null;
      m.remove();
      if (window.__belcheerMap === m) delete window.__belcheerMap;
      setMap(null);
    };
  }, []);

  useEffect(() => {
    (map?.getSource(SOURCE) as GeoJSONSource | undefined)?.setData(collection(units));
  }, [map, units]);

  useEffect(() => {
    (map?.getSource(DRAFT) as GeoJSONSource | undefined)?.setData(draftData(draft));
  }, [map, draft]);

  useEffect(() => {
    for (const id of BACKDROP_LABELS) map?.setLayoutProperty(id, 'text-field', nameField(lang));
  }, [map, lang]);

  useEffect(() => {
    if (!map) return;
    map.setPaintProperty(FILL, 'fill-color', colourExpression(colourBy));
    map.setFilter('planning-units-selected', ['in', ['get', 'id'], ['literal', [...selected]]]);
  }, [map, colourBy, selected]);

  useEffect(() => {
    const draw = drawRef.current;
    if (!map || !draw) return;
    draw.clear();
    handlers.current.onLiveArea(null);
    if (tool === 'draw') draw.setMode('polygon');
    else if (tool === 'split') draw.setMode('linestring');
    else if (tool === 'edit' && editing) {
      draw.setMode('select');
      const [first] = draw.addFeatures(
        partsOf(editing).map((geometry) => ({ type: 'Feature', geometry, properties: { mode: 'polygon' } })),
      );
      if (first?.valid) draw.selectFeature(first.id as string);
    } else draw.setMode('static');
  }, [map, tool, editing]);

  useEffect(() => {
    if (!map || !marker) return;
    const [lon = 0, lat = 0] = marker;
    const m = new Marker({ color: '#d7191c' }).setLngLat([lon, lat]).addTo(map);
    m.getElement().dataset.testid = 'geometry-error-marker';
    map.easeTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), 14) });
    return () => void m.remove();
  }, [map, marker]);

  useEffect(() => {
    if (map && fit) map.fitBounds(fit.bounds, { padding: 60, maxZoom: 16, duration: 600 });
  }, [map, fit]);

  return <div ref={containerRef} className="planning-map" data-testid="planning-map" />;
}
