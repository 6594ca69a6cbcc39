/**
 * The small files beside the archives in `package.zip`: a MapLibre style whose sources are the two
 * archives through the pmtiles protocol (`pmtiles://imagery.pmtiles`, resolved next to the style),
 * and a README telling how to open them in the field without a network.
 * Reference: MapLibre Style Spec v8; protomaps `pmtiles` protocol for MapLibre GL JS.
 */
import type { SurveyRecord } from '../surveys/surveys.repository.ts';
import type { LonLatBox } from './tile.list.ts';
import type { VectorLayer } from '../vector-tiles/vector.layers.ts';

/** One MapLibre layer drawing a vector layer of the package, by the vector layer's id. */
const DRAWN: Readonly<Record<string, readonly object[]>> = {
  'admin-units': [
    { type: 'line', paint: { 'line-color': '#5b4636', 'line-width': 1.5, 'line-dasharray': [3, 2] } },
  ],
  'pasture-units': [
    { type: 'fill', paint: { 'fill-color': '#4f9d3a', 'fill-opacity': 0.15 } },
    { type: 'line', paint: { 'line-color': '#2f6b22', 'line-width': 1.5 } },
  ],
  'field-plots': [
    {
      type: 'circle',
      paint: {
        'circle-color': '#d9480f',
        'circle-radius': 4,
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1,
      },
    },
  ],
  surveys: [{ type: 'line', paint: { 'line-color': '#1c7ed6', 'line-width': 2 } }],
};

export function packageStyle(
  record: SurveyRecord,
  imageryMaxzoom: number,
  layers: readonly VectorLayer[],
): object {
  const bbox = record.survey.bbox as unknown as LonLatBox;
  return {
    version: 8,
    name: `${record.survey.name} (${record.survey.date})`,
    center: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2],
    zoom: Math.max(0, imageryMaxzoom - 3),
    sources: {
      imagery: { type: 'raster', url: 'pmtiles://imagery.pmtiles', tileSize: 256 },
      vectors: { type: 'vector', url: 'pmtiles://vectors.pmtiles' },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f2efe9' } },
      { id: 'imagery', type: 'raster', source: 'imagery' },
      ...layers.flatMap((l) =>
        (DRAWN[l.id] ?? []).map((draw, i) => ({
          id: `${l.id}-${i}`,
          source: 'vectors',
          'source-layer': l.id,
          ...draw,
        })),
      ),
    ],
  };
}

export function packageReadme(record: SurveyRecord, layers: readonly VectorLayer[]): string {
  const { survey } = record;
  return [
    `Belcheer offline package — survey "${survey.name}" (${survey.date}), ${survey.organisation.name}`,
    '',
    'imagery.pmtiles  the drone orthomosaic as raster tiles (PMTiles v3), down to its native resolution',
    `vectors.pmtiles  vector tiles (MVT, zooms 6–15) with the layers: ${layers.map((l) => l.id).join(', ')}`,
    'style.json       a MapLibre style drawing both archives (pmtiles:// sources, next to this file)',
    '',
    'Open without a network:',
    '- QGIS 3.32+: Layer > Add Layer > Add Vector Tile Layer / Add Raster Layer, pick the .pmtiles file.',
    '- MapLibre (web or mobile): register the pmtiles protocol and load style.json from the same folder.',
    '- Any PMTiles viewer, e.g. https://pmtiles.io (the file is read locally, not uploaded).',
    '',
    'Boundaries: NSO Mongolia / OCHA (CC BY-IGO).',
    '',
  ].join('\n');
}
