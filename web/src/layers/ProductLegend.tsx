/**
 * The legend of one visible product, from GET …/legend.json: a gradient bar with min / mid / max
 * ticks for an index (its range editable: min and max become `rescale=`), colour swatches with
 * labels for classes (green cover), the stretch range for true colour. A legend the server does
 * not have yet is said so in one muted line.
 */
import { useState, type ReactNode } from 'react';
import type { Legend, Range } from '../api/survey.products.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { gradientCss, legendTicks, tickDigits } from './legend.scale.ts';
import type { LegendState } from './useLegend.ts';

export interface ProductLegendProps {
  readonly state: LegendState;
  /** The range the user chose, or null for the survey's default. */
  readonly range: Range | null;
  readonly onRange: (range: Range | null) => void;
}

function Gradient({ legend, range }: { legend: Legend; range: Range }): ReactNode {
  const { formatNumber } = useI18n();
  const digits = tickDigits(range);
  return (
    <div className="product-legend__ramp">
      <div
        className="product-legend__bar"
        style={{ background: gradientCss(legend.stops, range) }}
        data-testid="legend-bar"
      />
      <div className="product-legend__ticks">
        {legendTicks(range).map((tick) => (
          <span key={tick.at} style={{ left: `${tick.at * 100}%` }}>
            {formatNumber(tick.value, digits)}
          </span>
        ))}
      </div>
    </div>
  );
}

function Classes({ legend }: { legend: Legend }): ReactNode {
  const { lang } = useI18n();
  return (
    <ul className="product-legend__classes">
      {legend.classes.map((c) => (
        <li key={c.value}>
          <span className="product-legend__swatch" style={{ background: c.color }} />
          {c.label[lang]}
        </li>
      ))}
    </ul>
  );
}

function RangeEditor({
  shown,
  custom,
  onRange,
}: {
  shown: Range;
  custom: boolean;
  onRange: (range: Range | null) => void;
}): ReactNode {
  const { t } = useI18n();
  const [draft, setDraft] = useState<{ min: string; max: string } | null>(null);
  const min = draft?.min ?? String(shown[0]);
  const max = draft?.max ?? String(shown[1]);
  const a = Number(min);
  const b = Number(max);
  const valid = min.trim() !== '' && max.trim() !== '' && Number.isFinite(a) && Number.isFinite(b) && a < b;
  const apply = (): void => {
    if (!draft) return;
    if (valid) {
      onRange([a, b]);
      setDraft(null);
    }
  };
  const field = (which: 'min' | 'max', value: string): ReactNode => (
    <label className="product-legend__field">
      <span>{t(which === 'min' ? 'layers.rangeMin' : 'layers.rangeMax')}</span>
      <input
        type="number"
        step="any"
        inputMode="decimal"
        value={value}
        aria-invalid={!valid}
        onChange={(e) => setDraft({ min, max, [which]: e.target.value })}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
          if (e.key === 'Escape') setDraft(null);
        }}
        data-testid={`legend-${which}`}
      />
    </label>
  );
  return (
    <div className="product-legend__range">
      <div className="product-legend__fields">
        {field('min', min)}
        {field('max', max)}
        {custom && (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => {
              setDraft(null);
              onRange(null);
            }}
            data-testid="legend-reset"
          >
            {t('layers.rangeReset')}
          </button>
        )}
      </div>
      {!valid && <p className="product-legend__invalid">{t('layers.rangeInvalid')}</p>}
    </div>
  );
}

export function ProductLegend({ state, range, onRange }: ProductLegendProps): ReactNode {
  const { t, lang } = useI18n();
  if (state.status !== 'ready') {
    const key =
      state.status === 'loading'
        ? 'layers.legendLoading'
        : state.status === 'missing'
          ? 'layers.legendMissing'
          : 'layers.legendError';
    return (
      <p className="product-legend__note" data-testid={`legend-${state.status}`}>
        {t(key)}
      </p>
    );
  }
  const { legend } = state;
  const shown = range ?? legend.range;
  return (
    <div className="product-legend" data-testid="product-legend" data-kind={legend.kind}>
      <div className="product-legend__title">
        {legend.title[lang]}
        {legend.unit && <span className="muted"> ({legend.unit})</span>}
      </div>
      {legend.kind === 'continuous' && shown && <Gradient legend={legend} range={shown} />}
      {legend.kind === 'classes' && <Classes legend={legend} />}
      {legend.kind === 'rgb' && <p className="product-legend__note">{t('layers.trueColour')}</p>}
      {legend.kind !== 'classes' && shown && (
        <RangeEditor
          key={`${shown[0]}_${shown[1]}`}
          shown={shown}
          custom={range !== null}
          onRange={onRange}
        />
      )}
    </div>
  );
}
