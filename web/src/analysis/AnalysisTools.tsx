/**
 * The analysis views mounted beside the map (issue 6 "Web"): the area statistics card and the
 * unit analysis card, both about the survey whose imagery is on in the layers panel (the first one
 * when several are), with the product it shows.
 */
import { useState, type ReactNode } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Survey } from '../api/survey.types.ts';
import type { LayerState } from '../layers/layer.state.ts';
import { StatsPanel } from './StatsPanel.tsx';
import { UnitsPanel } from './UnitsPanel.tsx';
import './analysis.css';

export interface AnalysisToolsProps {
  readonly map: MapLibreMap | null;
  /** The surveys on the map, or null while they load. */
  readonly surveys: readonly Survey[] | null;
  readonly layers: LayerState;
}

export function AnalysisTools({ map, surveys, layers }: AnalysisToolsProps): ReactNode {
  const [drawing, setDrawing] = useState(false);
  if (surveys === null) return null;
  const target =
    layers.flatMap((layer) => {
      const survey = layer.on ? surveys.find((s) => s.id === layer.survey) : undefined;
      return survey ? [{ survey, layer }] : [];
    })[0] ?? null;
  return (
    <>
      <StatsPanel map={map} target={target} drawing={drawing} onDrawing={setDrawing} />
      <UnitsPanel map={map} survey={target?.survey ?? null} drawing={drawing} />
    </>
  );
}
