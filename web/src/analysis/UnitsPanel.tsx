/**
 * "Analysis per unit": for the visible survey, GET /api/surveys/{id}/analysis drawn as a choropleth
 * of its units by the chosen measure (kept in the URL hash) with the legend of its classes, a popup
 * with the unit's numbers on a click (not while an area is being drawn), and the calibration chart.
 * While the analysis is queued or running it is asked again every few seconds.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Popup, type Map as MapLibreMap, type MapLayerMouseEvent } from 'maplibre-gl';
import type { Survey } from '../api/survey.types.ts';
import { MapCard } from '../components/MapCard.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { fetchAnalysis, type Analysis } from './analysis.api.ts';
import { CalibrationChart } from './CalibrationChart.tsx';
import {
  choropleth,
  colouredUnits,
  MEASURES,
  NO_VALUE_COLOUR,
  type Choropleth,
  type Measure,
} from './choropleth.ts';
import { UnitResultPopup, unitMaxima } from './UnitResultPopup.tsx';
import { removeUnits, showUnits, UNITS_FILL } from './units.layers.ts';
import { useMeasure } from './useMeasure.ts';
import { useRequest } from './useRequest.ts';

const POLL_MS = 4000;

export interface UnitsPanelProps {
  readonly map: MapLibreMap | null;
  readonly survey: Survey | null;
  /** An area is being drawn: clicks belong to the draw tool. */
  readonly drawing: boolean;
}

function ClassLegend({ map }: { map: Choropleth }): ReactNode {
  const { t, formatNumber } = useI18n();
  const digits = map.measure === 'capacity' ? 2 : 0;
  const range = (from: number | null, to: number | null): string =>
    from === null
      ? `< ${formatNumber(to ?? 0, digits)}`
      : to === null
        ? `≥ ${formatNumber(from, digits)}`
        : `${formatNumber(from, digits)} – ${formatNumber(to, digits)}`;
  return (
    <ul className="analysis__classes" data-testid="units-legend">
      {map.classes.map((c) => (
        <li key={c.colour}>
          <span className="analysis__swatch" style={{ background: c.colour }} />
          {c.kind === 'class' ? t(`analysis.class.${c.value}`) : range(c.from, c.to)}
        </li>
      ))}
      <li>
        <span className="analysis__swatch" style={{ background: NO_VALUE_COLOUR }} />
        {t('analysis.units.noValue')}
      </li>
    </ul>
  );
}

/** The clicked unit (its id) and the node of its MapLibre popup, which React renders into. */
function useUnitPopup(map: MapLibreMap | null, active: boolean): { unit: string | null; node: HTMLElement } {
  const node = useMemo(() => document.createElement('div'), []);
  const [unit, setUnit] = useState<string | null>(null);
  useEffect(() => {
    if (!map || !active) return;
    const popup = new Popup({
      closeButton: true,
      closeOnClick: false,
      maxWidth: '300px',
      className: 'unit-popup',
    });
    popup.on('close', () => setUnit(null));
    const onClick = (e: MapLayerMouseEvent): void => {
      const id: unknown = e.features?.[0]?.properties.unitId;
      if (typeof id !== 'string') return;
      setUnit(id);
      popup.setLngLat(e.lngLat).setDOMContent(node).addTo(map);
    };
    map.on('click', UNITS_FILL, onClick);
    return () => {
      map.off('click', UNITS_FILL, onClick);
      popup.remove();
    };
  }, [map, active, node]);
  return { unit, node };
}

function AnalysisBody({ analysis, measure }: { analysis: Analysis; measure: Measure }): ReactNode {
  const { t } = useI18n();
  const units = analysis.units.features;
  return (
    <>
      {analysis.status === 'queued' || analysis.status === 'running' ? (
        <p className="analysis__status" role="status">
          <Spinner size={16} />
          {t('analysis.units.running', { progress: Math.round(analysis.progress) })}
        </p>
      ) : null}
      {analysis.status === 'failed' && <p className="analysis__error">{t('analysis.units.failed')}</p>}
      {analysis.stale && <p className="analysis__help">{t('analysis.units.stale')}</p>}
      {units.length === 0 ? (
        <p className="analysis__help" data-testid="units-none">
          {t('analysis.units.none')}
        </p>
      ) : (
        <>
          <p className="analysis__of">{t('analysis.units.count', { count: units.length })}</p>
          <ClassLegend
            map={choropleth(
              measure,
              units.map((f) => f.properties),
            )}
          />
        </>
      )}
      <CalibrationChart calibration={analysis.calibration} />
    </>
  );
}

export function UnitsPanel({ map, survey, drawing }: UnitsPanelProps): ReactNode {
  const { t } = useI18n();
  const [measure, setMeasure] = useMeasure();
  const [poll, setPoll] = useState(0);
  const state = useRequest(survey ? `${survey.id}@${survey.updatedAt}#${poll}` : null, (signal) =>
    fetchAnalysis(survey?.id ?? '', signal),
  );
  const analysis = state.status === 'ready' ? state.value : null;
  const busy = analysis?.status === 'queued' || analysis?.status === 'running';
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => setPoll((n) => n + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [busy, analysis]);
  const units = analysis?.units ?? null;
  const coloured = useMemo(
    () =>
      units &&
      colouredUnits(
        units,
        choropleth(
          measure,
          units.features.map((f) => f.properties),
        ),
      ),
    [units, measure],
  );
  useEffect(() => {
    if (!map || !coloured || coloured.features.length === 0) return;
    showUnits(map, coloured);
  }, [map, coloured]);
  useEffect(() => () => void (map && removeUnits(map)), [map, survey?.id]);
  const maxima = useMemo(() => unitMaxima(units?.features.map((f) => f.properties) ?? []), [units]);
  const popup = useUnitPopup(map, !drawing && !!coloured);
  const clicked = units?.features.find((f) => f.properties.unitId === popup.unit)?.properties;
  return (
    <MapCard
      title={t('analysis.units.title')}
      toggleTitle={t('analysis.units.toggle')}
      icon="layers"
      testId="units-panel"
    >
      {!survey ? (
        <p className="analysis__help">{t('analysis.units.noSurvey')}</p>
      ) : (
        <>
          <label className="analysis__field survey-layer__field">
            <span>{t('analysis.units.measure')}</span>
            <select
              value={measure}
              onChange={(e) => setMeasure(MEASURES.find((m) => m === e.target.value) ?? measure)}
              data-testid="units-measure"
            >
              {MEASURES.map((m) => (
                <option key={m} value={m}>
                  {t(`analysis.measure.${m}`)}
                </option>
              ))}
            </select>
          </label>
          {state.status === 'loading' && !analysis && (
            <p className="analysis__status" role="status">
              <Spinner size={16} />
              {t('analysis.units.loading')}
            </p>
          )}
          {state.status === 'error' && (
            <p className="analysis__error" role="alert">
              {t('analysis.units.error', { message: state.message })}
            </p>
          )}
          {analysis && <AnalysisBody analysis={analysis} measure={measure} />}
        </>
      )}
      {clicked && createPortal(<UnitResultPopup unit={clicked} maxima={maxima} />, popup.node)}
    </MapCard>
  );
}
