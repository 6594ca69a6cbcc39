/**
 * The survey layers panel: each ready survey with a switch that lays its imagery on the map, and,
 * while it is on, a product picker (true colour, the indices its bands allow, green cover), a
 * colormap for an index, an opacity slider, "zoom to", and the product's legend with its range.
 * Folds to its header (MapCard).
 */
import type { ReactNode } from 'react';
import { COLORMAPS, isColormap, legendUrl, type Range } from '../api/survey.products.ts';
import type { Survey } from '../api/survey.types.ts';
import { Icon } from '../components/Icon.tsx';
import { MapCard } from '../components/MapCard.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFormat } from '../i18n/useFormat.ts';
import { newLayer, type LayerState, type SurveyLayer } from './layer.state.ts';
import { colormapLabel, productLabel, takesColormap } from './product.names.ts';
import { ProductLegend } from './ProductLegend.tsx';
import { useLegend } from './useLegend.ts';

export interface SurveyLayersPanelProps {
  /** Ready surveys, or null while they load. */
  readonly surveys: readonly Survey[] | null;
  readonly layers: LayerState;
  readonly onLayer: (layer: SurveyLayer) => void;
  readonly onZoomTo: (survey: string) => void;
}

function LayerControls({
  survey,
  layer,
  onLayer,
}: {
  survey: Survey;
  layer: SurveyLayer;
  onLayer: (layer: SurveyLayer) => void;
}): ReactNode {
  const { t } = useI18n();
  const params = { colormap: layer.colormap, range: layer.range };
  const legend = useLegend(legendUrl(survey.id, layer.product, params));
  const defaultColormap =
    legend.status === 'ready' && legend.legend.colormap ? colormapLabel(legend.legend.colormap, t) : '…';
  return (
    <div className="survey-layer__controls">
      <label className="survey-layer__field">
        <span>{t('layers.product')}</span>
        <select
          value={layer.product}
          onChange={(e) => onLayer({ ...layer, product: e.target.value, range: null })}
          data-testid="layer-product"
        >
          {survey.products.map((p) => (
            <option key={p} value={p}>
              {productLabel(p, t)}
            </option>
          ))}
        </select>
      </label>
      {takesColormap(layer.product) && (
        <label className="survey-layer__field">
          <span>{t('layers.colormap')}</span>
          <select
            value={layer.colormap ?? ''}
            onChange={(e) =>
              onLayer({ ...layer, colormap: isColormap(e.target.value) ? e.target.value : null })
            }
            data-testid="layer-colormap"
          >
            <option value="">{t('layers.colormapDefault', { name: defaultColormap })}</option>
            {COLORMAPS.map((c) => (
              <option key={c} value={c}>
                {colormapLabel(c, t)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="survey-layer__field survey-layer__opacity">
        <span>{t('layers.opacity')}</span>
        <input
          type="range"
          min={0}
          max={100}
          step={5}
          value={Math.round(layer.opacity * 100)}
          onChange={(e) => onLayer({ ...layer, opacity: Number(e.target.value) / 100 })}
          data-testid="layer-opacity"
        />
        <output>{Math.round(layer.opacity * 100)} %</output>
      </label>
      <ProductLegend
        state={legend}
        range={layer.range}
        onRange={(range: Range | null) => onLayer({ ...layer, range })}
      />
    </div>
  );
}

function SurveyLayerItem({
  survey,
  layer,
  onLayer,
  onZoomTo,
}: {
  survey: Survey;
  layer: SurveyLayer | undefined;
  onLayer: (layer: SurveyLayer) => void;
  onZoomTo: (survey: string) => void;
}): ReactNode {
  const { t } = useI18n();
  const format = useFormat();
  const on = layer?.on ?? false;
  const toggle = (): void => {
    const next = layer ? { ...layer, on: !layer.on } : newLayer(survey.id, survey.products);
    if (next) onLayer(next);
  };
  return (
    <li
      className={`survey-layer ${on ? 'survey-layer--on' : ''}`}
      data-testid="survey-layer"
      data-survey-id={survey.id}
    >
      <div className="legend__row">
        <label className="legend__item survey-layer__name">
          <input
            type="checkbox"
            checked={on}
            disabled={survey.products.length === 0}
            onChange={toggle}
            aria-label={t('layers.show', { name: survey.name })}
            data-testid="layer-toggle"
          />
          <span>
            <span className="survey-layer__title">{survey.name}</span>
            <span className="survey-layer__date">{format.date(survey.date)}</span>
          </span>
        </label>
        <button
          type="button"
          className="legend__count"
          title={t('layers.zoomTo')}
          aria-label={t('layers.zoomTo')}
          onClick={() => onZoomTo(survey.id)}
          data-testid="layer-zoom"
        >
          <Icon name="target" size={12} strokeWidth={2.2} />
        </button>
      </div>
      {on && layer && <LayerControls survey={survey} layer={layer} onLayer={onLayer} />}
    </li>
  );
}

export function SurveyLayersPanel({ surveys, layers, onLayer, onZoomTo }: SurveyLayersPanelProps): ReactNode {
  const { t } = useI18n();
  if (surveys === null) return null;
  return (
    <MapCard
      title={t('layers.title')}
      toggleTitle={t('layers.toggle')}
      icon="image"
      className="survey-layers"
      testId="survey-layers"
    >
      {surveys.length === 0 ? (
        <p className="legend__meta">{t('layers.empty')}</p>
      ) : (
        <ul className="legend__list">
          {surveys.map((s) => (
            <SurveyLayerItem
              key={s.id}
              survey={s}
              layer={layers.find((l) => l.survey === s.id)}
              onLayer={onLayer}
              onZoomTo={onZoomTo}
            />
          ))}
        </ul>
      )}
    </MapCard>
  );
}
