/**
 * What a click on a survey whose imagery is on the map shows: the values under the point from
 * GET /api/surveys/{id}/point — band values, each index with a small bar placed on its legend's
 * range in the legend's colours (the shown product first, with the panel's colormap and range),
 * and the green-cover class — or "outside the survey". A server without the endpoint yet (404)
 * gets one muted line.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { fetchPoint, pointUrl, type PointValues } from '../api/survey.point.ts';
import { legendUrl } from '../api/survey.products.ts';
import type { Survey } from '../api/survey.types.ts';
import { Spinner } from '../components/Spinner.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { PALETTE } from '../map/palette.ts';
import type { SurveyLayer } from './layer.state.ts';
import { colourAt, gradientCss, rangePosition, valueDigits } from './legend.scale.ts';
import { bandLabel, productLabel } from './product.names.ts';
import { useLegend } from './useLegend.ts';

type PointState =
  | { readonly status: 'loading' }
  | { readonly status: 'missing' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly point: PointValues };

function usePoint(url: string): PointState {
  const [state, setState] = useState<{ url: string; state: PointState }>({
    url,
    state: { status: 'loading' },
  });
  useEffect(() => {
    const abort = new AbortController();
    fetchPoint(url, abort.signal).then(
      (point) => setState({ url, state: point ? { status: 'ready', point } : { status: 'missing' } }),
      (err: unknown) => {
        if (abort.signal.aborted) return;
        setState({
          url,
          state: { status: 'error', message: err instanceof Error ? err.message : String(err) },
        });
      },
    );
    return () => abort.abort();
  }, [url]);
  return state.url === url ? state.state : { status: 'loading' };
}

function IndexRow({
  survey,
  name,
  value,
  layer,
}: {
  survey: string;
  name: string;
  value: number | null;
  layer: SurveyLayer;
}): ReactNode {
  const { t, formatNumber } = useI18n();
  const shown = layer.product === name;
  const params = shown ? { colormap: layer.colormap, range: layer.range } : { colormap: null, range: null };
  const legend = useLegend(value === null ? null : legendUrl(survey, name, params));
  const ready = legend.status === 'ready' ? legend.legend : null;
  const range = ready?.range ?? null;
  return (
    <tr
      className={shown ? 'point-table__shown' : undefined}
      data-testid="point-index"
      data-index={name}
      data-value={value ?? ''}
    >
      <th scope="row">{productLabel(name, t)}</th>
      <td>
        {value === null ? (
          <span className="muted">{t('point.noValue')}</span>
        ) : (
          formatNumber(value, valueDigits(value))
        )}
      </td>
      <td className="point-table__bar-cell">
        {ready && range && value !== null && (
          <span className="point-table__bar" style={{ background: gradientCss(ready.stops, range) }}>
            <span
              className="point-table__marker"
              style={{
                left: `${rangePosition(value, range) * 100}%`,
                background: colourAt(ready.stops, value) ?? PALETTE.selectedLine,
              }}
            />
          </span>
        )}
      </td>
    </tr>
  );
}

function Values({
  survey,
  point,
  layer,
}: {
  survey: Survey;
  point: PointValues;
  layer: SurveyLayer;
}): ReactNode {
  const { t, formatNumber } = useI18n();
  // The product on the map first, then the others in the server's order.
  const indices = [...point.indices].sort(
    ([a], [b]) => Number(b === layer.product) - Number(a === layer.product),
  );
  return (
    <div className="point-popup__values">
      <table className="point-table" data-testid="point-values">
        <tbody>
          <tr>
            <th colSpan={3} className="point-table__group">
              {t('point.bands')}
            </th>
          </tr>
          {point.bands.map(([band, value]) => (
            <tr key={band} data-testid="point-band" data-band={band} data-value={value ?? ''}>
              <th scope="row">{bandLabel(band, t)}</th>
              <td colSpan={2}>
                {value === null ? (
                  <span className="muted">{t('point.noValue')}</span>
                ) : (
                  formatNumber(value, Number.isInteger(value) ? 0 : 4)
                )}
              </td>
            </tr>
          ))}
          {indices.length > 0 && (
            <tr>
              <th colSpan={3} className="point-table__group">
                {t('point.indices')}
              </th>
            </tr>
          )}
          {indices.map(([name, value]) => (
            <IndexRow key={name} survey={survey.id} name={name} value={value} layer={layer} />
          ))}
          {point.cover && (
            <tr data-testid="point-cover">
              <th scope="row">{t('point.cover')}</th>
              <td colSpan={2}>
                {point.cover.green === null ? (
                  <span className="muted">{t('point.noValue')}</span>
                ) : (
                  t(point.cover.green ? 'point.coverGreen' : 'point.coverBare', {
                    index: productLabel(point.cover.index, t),
                    threshold: formatNumber(point.cover.threshold, 2),
                  })
                )}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

export function PointPopup({
  survey,
  lngLat,
  layer,
}: {
  survey: Survey;
  lngLat: readonly [number, number];
  layer: SurveyLayer;
}): ReactNode {
  const { t, formatNumber } = useI18n();
  const state = usePoint(pointUrl(survey.id, lngLat[0], lngLat[1]));
  const colour = survey.kind === 'multispectral' ? PALETTE.surveyMultispectral : PALETTE.surveyRgb;
  return (
    <div className="unit-popup__body point-popup" data-testid="point-popup" data-status={state.status}>
      <div className="unit-popup__kind" style={{ color: colour }}>
        {t('point.title')} · {productLabel(layer.product, t)}
      </div>
      <h3 className="unit-popup__name">{survey.name}</h3>
      <div className="unit-popup__alt">
        {formatNumber(lngLat[1], 6)}, {formatNumber(lngLat[0], 6)}
        {state.status === 'ready' && state.point.pixel && (
          <>
            {' · '}
            {t('point.pixel')} {state.point.pixel.x}, {state.point.pixel.y}
          </>
        )}
      </div>
      {state.status === 'loading' && (
        <p className="point-popup__note">
          <Spinner size={14} /> {t('point.loading')}
        </p>
      )}
      {state.status === 'missing' && <p className="point-popup__note muted">{t('point.unavailable')}</p>}
      {state.status === 'error' && (
        <p className="point-popup__note point-popup__error">{t('point.error', { message: state.message })}</p>
      )}
      {state.status === 'ready' &&
        (state.point.inside ? (
          <Values survey={survey} point={state.point} layer={layer} />
        ) : (
          <p className="point-popup__note" data-testid="point-outside">
            {t('point.outside')}
          </p>
        ))}
    </div>
  );
}
