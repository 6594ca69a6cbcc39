/**
 * "Draw a polygon → statistics": a card with the draw button (and its help while drawing), then
 * for the drawn area one POST /api/statistics on the visible survey's product (its cover index
 * under true colour) — a spinner while it runs, the server's reason in words when it refuses
 * (a self-intersecting ring), else count, area, mean, std, min/max, p10/p50/p90 and the histogram
 * in the product's colours. The numbers follow the product the layers panel shows.
 */
import { Fragment, useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Polygon } from 'geojson';
import { legendUrl, type RenderParams } from '../api/survey.products.ts';
import type { Survey } from '../api/survey.types.ts';
import { MapCard } from '../components/MapCard.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { SurveyLayer } from '../layers/layer.state.ts';
import { valueDigits } from '../layers/legend.scale.ts';
import { productLabel } from '../layers/product.names.ts';
import { useLegend } from '../layers/useLegend.ts';
import { drawPolygon } from './draw.tool.ts';
import { HistogramChart } from './HistogramChart.tsx';
import { removeSketch } from './sketch.layers.ts';
import { fetchZoneStats, type ZoneStats } from './statistics.api.ts';
import { statsProduct } from './stats.product.ts';
import { useRequest } from './useRequest.ts';

const NO_PARAMS: RenderParams = { colormap: null, range: null };

export interface StatsPanelProps {
  readonly map: MapLibreMap | null;
  /** The survey whose imagery is on, with its layer; null when none is. */
  readonly target: { readonly survey: Survey; readonly layer: SurveyLayer } | null;
  readonly drawing: boolean;
  readonly onDrawing: (drawing: boolean) => void;
}

function StatsTable({ stats }: { stats: ZoneStats }): ReactNode {
  const { t, formatNumber } = useI18n();
  const value = (v: number | null): string => (v === null ? '—' : formatNumber(v, valueDigits(v)));
  const rows: [string, string][] = [
    [t('analysis.stats.count'), formatNumber(stats.count)],
    [t('analysis.stats.area'), `${formatNumber(stats.areaHa, stats.areaHa < 10 ? 2 : 1)} ${t('unit.ha')}`],
    [t('analysis.stats.mean'), value(stats.mean)],
    [t('analysis.stats.std'), value(stats.std)],
    [t('analysis.stats.minMax'), `${value(stats.min)} / ${value(stats.max)}`],
    [t('analysis.stats.percentiles'), `${value(stats.p10)} / ${value(stats.p50)} / ${value(stats.p90)}`],
  ];
  return (
    <dl className="analysis__stats" data-testid="stats-table" data-count={stats.count}>
      {rows.map(([label, text]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{text}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function ZoneResult({
  survey,
  layer,
  polygon,
}: {
  survey: Survey;
  layer: SurveyLayer;
  polygon: Polygon;
}): ReactNode {
  const { t } = useI18n();
  const product = statsProduct(survey, layer.product);
  // The histogram spans the legend's range (the panel's own when it shows this product), so its
  // bars read against the map's colours and a few extreme pixels do not squeeze it into one bar.
  const params = product === layer.product ? { colormap: layer.colormap, range: layer.range } : NO_PARAMS;
  const legend = useLegend(product ? legendUrl(survey.id, product, params) : null);
  const range = legend.status === 'ready' ? (params.range ?? legend.legend.range) : null;
  const key =
    product && legend.status !== 'loading'
      ? JSON.stringify([survey.id, product, range, polygon.coordinates])
      : null;
  const run = useCallback(
    (signal: AbortSignal) => fetchZoneStats(survey.id, product ?? '', polygon, range, signal),
    [survey.id, product, polygon, range],
  );
  const state = useRequest(key, run);
  if (!product) return null;
  const loading = state.status === 'loading' || (state.status === 'idle' && legend.status === 'loading');
  return (
    <div data-testid="stats-result" data-product={product} data-status={state.status}>
      <p className="analysis__of">
        {t('analysis.stats.of', { survey: survey.name, product: productLabel(product, t) })}
      </p>
      {loading && (
        <p className="analysis__status" role="status">
          <Spinner size={16} />
          {t('analysis.stats.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <p className="analysis__error" role="alert" data-testid="stats-error">
          {t('analysis.stats.error', { message: state.message })}
        </p>
      )}
      {state.status === 'ready' && state.value.count === 0 && (
        <p className="analysis__help">{t('analysis.stats.empty')}</p>
      )}
      {state.status === 'ready' && state.value.count > 0 && (
        <>
          <StatsTable stats={state.value} />
          {state.value.histogram && (
            <>
              <p className="analysis__chart-title">{t('analysis.stats.histogram')}</p>
              <HistogramChart
                histogram={state.value.histogram}
                count={state.value.count}
                mean={state.value.mean}
                stops={legend.status === 'ready' ? legend.legend.stops : []}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}

export function StatsPanel({ map, target, drawing, onDrawing }: StatsPanelProps): ReactNode {
  const { t } = useI18n();
  const [polygon, setPolygon] = useState<Polygon | null>(null);
  useEffect(() => {
    if (!map || !drawing) return;
    return drawPolygon(map, {
      onClose: (p) => {
        setPolygon(p);
        onDrawing(false);
      },
      onCancel: () => onDrawing(false),
    });
  }, [map, drawing, onDrawing]);
  // The sketch leaves the map with the panel.
  useEffect(() => () => void (map && removeSketch(map)), [map]);
  const start = (): void => {
    setPolygon(null);
    onDrawing(true);
  };
  const cancel = (): void => {
    if (map) removeSketch(map);
    onDrawing(false);
  };
  return (
    <MapCard
      title={t('analysis.stats.title')}
      toggleTitle={t('analysis.stats.toggle')}
      icon="target"
      testId="stats-panel"
    >
      {!target ? (
        <p className="analysis__help">{t('analysis.stats.noSurvey')}</p>
      ) : (
        <>
          <div className="analysis__actions">
            {drawing ? (
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={cancel}
                data-testid="draw-cancel"
              >
                {t('analysis.draw.cancel')}
              </button>
            ) : (
              <button
                type="button"
                className="button button--primary button--small"
                onClick={start}
                disabled={!map}
                data-testid="draw-start"
              >
                {t(polygon ? 'analysis.draw.again' : 'analysis.draw.start')}
              </button>
            )}
          </div>
          {drawing && <p className="analysis__help">{t('analysis.draw.help')}</p>}
          {polygon && !drawing && (
            <ZoneResult survey={target.survey} layer={target.layer} polygon={polygon} />
          )}
        </>
      )}
    </MapCard>
  );
}
