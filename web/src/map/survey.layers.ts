/**
 * Sources and layers of the surveys: footprint fill and outline coloured by kind (RGB,
 * multispectral), and a ringed point per survey below its `detailZoom` (see survey.features.ts)
 * so a small flight can be found on the map of Mongolia. The points sit above everything else; the
 * fill is clear where the survey's imagery is shown (raster.layers.ts), the outline stays.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { PALETTE } from './palette.ts';

export const SURVEY_SOURCES = { footprints: 'survey-footprints', points: 'survey-points' } as const;

export const SURVEY_LAYERS = {
  fill: 'survey-fill',
  selected: 'survey-selected',
  line: 'survey-line',
  point: 'survey-point',
} as const;

/** The outline of the selected (or just zoomed-to) survey. */
export function surveySelectedFilter(id: string | null): ExpressionSpecification {
  return ['==', ['get', 'id'], id ?? ''];
}

/** The layers a click or hover on a survey hits, top first. */
export const SURVEY_HIT_LAYERS = [SURVEY_LAYERS.point, SURVEY_LAYERS.fill] as const;

const kindColour: ExpressionSpecification = [
  'match',
  ['get', 'kind'],
  'multispectral',
  PALETTE.surveyMultispectral,
  PALETTE.surveyRgb,
];

export function surveyLayers(): LayerSpecification[] {
  return [
    {
      id: SURVEY_LAYERS.fill,
      type: 'fill',
      source: SURVEY_SOURCES.footprints,
      paint: {
        'fill-color': kindColour,
        // A survey whose imagery is on the map shows through (feature state `raster`, see MapView).
        'fill-opacity': [
          'case',
          ['boolean', ['feature-state', 'raster'], false],
          0,
          ['boolean', ['feature-state', 'hover'], false],
          0.5,
          0.3,
        ],
      },
    },
    {
      id: SURVEY_LAYERS.selected,
      type: 'line',
      source: SURVEY_SOURCES.footprints,
      filter: surveySelectedFilter(null),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': PALETTE.selectedLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 4, 16, 7],
      },
    },
    {
      id: SURVEY_LAYERS.line,
      type: 'line',
      source: SURVEY_SOURCES.footprints,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': kindColour,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.5, 16, 3],
      },
    },
    {
      id: SURVEY_LAYERS.point,
      type: 'circle',
      source: SURVEY_SOURCES.points,
      filter: ['<', ['zoom'], ['get', 'detailZoom']],
      paint: {
        'circle-color': kindColour,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 6, 8, 8, 14, 10],
        'circle-stroke-color': PALETTE.surveyHalo,
        'circle-stroke-width': 2.5,
      },
    },
  ];
}
