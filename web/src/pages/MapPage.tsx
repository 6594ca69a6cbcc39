/**
 * The map page: the map of aimags, soums and the organisation's ready surveys with its legend and
 * the survey layers panel (imagery, product, opacity, legend; kept in the URL hash), the analysis
 * tools (area statistics, unit choropleth, calibration) for the survey shown, the
 * loading and error states of the boundary data laid over the map, and a notice when the survey to
 * show (`/?survey=ID`) has nothing to draw yet.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Legend } from '../components/Legend.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { MapView } from '../map/MapView.tsx';
import { useAdminUnits } from '../map/useAdminUnits.ts';
import type { Selection } from '../map/interaction.ts';
import type { LayerGroup } from '../map/layer.groups.ts';
import { onMap } from '../map/survey.features.ts';
import { useSurveys } from '../surveys/SurveysProvider.tsx';
import { withLayer, type SurveyLayer } from '../layers/layer.state.ts';
import { SurveyLayersPanel } from '../layers/SurveyLayersPanel.tsx';
import { useLayerState } from '../layers/useLayerState.ts';
import { AnalysisTools } from '../analysis/AnalysisTools.tsx';

export interface MapPageProps {
  /** The survey to fit the map to (from `/?survey=ID`). */
  readonly focusSurvey: string | null;
  readonly onSessionExpired: () => void;
}

export function MapPage({ focusSurvey, onSessionExpired }: MapPageProps): ReactNode {
  const { t } = useI18n();
  const { state, retry } = useAdminUnits();
  const { state: surveysState } = useSurveys();
  const surveys = surveysState.status === 'ready' ? surveysState.surveys : null;
  const expired = state.status === 'error' && state.httpStatus === 401;
  useEffect(() => {
    if (expired) onSessionExpired();
  }, [expired, onSessionExpired]);
  const [visible, setVisible] = useState<Record<LayerGroup, boolean>>({
    surveys: true,
    aimags: true,
    soums: true,
    labels: true,
  });
  const [hintSeen, setHintSeen] = useState(false);
  const [fitSurveys, setFitSurveys] = useState(0);
  const toggle = useCallback((group: LayerGroup) => setVisible((v) => ({ ...v, [group]: !v[group] })), []);
  const onSelect = useCallback((selection: Selection | null) => {
    if (selection) setHintSeen(true);
  }, []);
  const [layers, updateLayers] = useLayerState(surveys);
  const onLayer = useCallback(
    (layer: SurveyLayer) => updateLayers((s) => withLayer(s, layer)),
    [updateLayers],
  );
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [zoomTo, setZoomTo] = useState<{ survey: string; n: number } | null>(null);
  const onZoomTo = useCallback((survey: string) => setZoomTo((z) => ({ survey, n: (z?.n ?? 0) + 1 })), []);
  const mapped = useMemo(() => (surveys ? onMap(surveys) : null), [surveys]);
  const ready = state.status === 'ready' ? state : null;
  const focused = focusSurvey ? surveys?.find((s) => s.id === focusSurvey) : undefined;
  const notDrawable = focusSurvey !== null && surveys !== null && (!focused || !focused.bbox);
  return (
    <main className="map-page">
      <MapView
        aimags={ready?.aimags ?? null}
        soums={ready?.soums ?? null}
        surveys={surveys}
        visible={visible}
        focusSurvey={focusSurvey}
        fitSurveys={fitSurveys}
        layers={layers}
        zoomTo={zoomTo}
        onSelect={onSelect}
        onMapReady={setMap}
      />
      <div className="map-side">
        <Legend
          visible={visible}
          onToggle={toggle}
          counts={ready ? { aimags: ready.aimags.features.length, soums: ready.soums.features.length } : null}
          surveys={mapped ? mapped.length : null}
          onFitSurveys={() => setFitSurveys((n) => n + 1)}
        />
        <SurveyLayersPanel surveys={mapped} layers={layers} onLayer={onLayer} onZoomTo={onZoomTo} />
        <AnalysisTools map={map} surveys={mapped} layers={layers} />
      </div>
      {state.status === 'loading' && (
        <div className="map-status" role="status" aria-live="polite" data-testid="map-loading">
          <Spinner size={18} />
          <span>{t('map.loading')}</span>
        </div>
      )}
      {state.status === 'error' && (
        <div className="map-status map-status--error" role="alert" data-testid="map-error">
          <div>
            <strong>{t('map.error')}</strong>
            <div className="map-status__detail">
              {state.httpStatus
                ? t('app.serverError', { status: state.httpStatus })
                : t('app.unreachable.title')}
            </div>
          </div>
          <button type="button" className="button button--primary" onClick={retry}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {notDrawable && (
        <div className="map-status map-status--warning" role="status" data-testid="map-focus-missing">
          {focused ? t('map.surveyNotReady', { name: focused.name }) : t('map.surveyNotFound')}
        </div>
      )}
      {ready && !hintSeen && !focusSurvey && (
        <div className="map-hint" data-testid="map-hint">
          <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
            <path
              d="M9 3v10.5l-2.2-2.1a1.6 1.6 0 0 0-2.3 2.3L9.8 19a5 5 0 0 0 3.6 1.5H15a5 5 0 0 0 5-5V10a1.5 1.5 0 0 0-3 0V9a1.5 1.5 0 0 0-3 0V8.5a1.5 1.5 0 0 0-3 0V3a1.5 1.5 0 0 0-3 0Z"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinejoin="round"
            />
          </svg>
          {t('map.hint')}
        </div>
      )}
    </main>
  );
}
