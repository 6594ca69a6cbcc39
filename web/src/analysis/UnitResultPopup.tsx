/**
 * The popup of one analysed unit: mean index, green cover, biomass (or "uncalibrated"), recovery
 * class in its condition colour, seasonal capacity in sheep units with the season's days, and the
 * share of the unit the survey covers — each number with a small bar (percentages on 0–100, the
 * others as a share of the largest value among the survey's units).
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { valueDigits } from '../layers/legend.scale.ts';
import { productLabel } from '../layers/product.names.ts';
import { PALETTE } from '../map/palette.ts';
import type { UnitResult } from './analysis.api.ts';
import { choropleth } from './choropleth.ts';

/** The largest value of each barred number among the survey's units (bars are shares of it). */
export interface UnitMaxima {
  readonly mean: number;
  readonly biomass: number;
  readonly capacity: number;
}

export function unitMaxima(units: readonly UnitResult[]): UnitMaxima {
  const max = (f: (u: UnitResult) => number | null): number =>
    Math.max(0, ...units.map(f).filter((v): v is number => v !== null));
  return { mean: max((u) => u.mean), biomass: max((u) => u.biomassKgHa), capacity: max((u) => u.capacitySu) };
}

const CONDITION = choropleth('condition', []);

function Row({ label, text, share }: { label: string; text: ReactNode; share?: number | null }): ReactNode {
  const width = share === null || share === undefined ? null : Math.max(0, Math.min(1, share)) * 100;
  return (
    <div className="result-popup__row">
      <span>{label}</span>
      <span>{text}</span>
      {width !== null && (
        <span className="result-popup__bar" aria-hidden="true">
          <span style={{ width: `${width}%`, background: PALETTE.surveyRgb }} />
        </span>
      )}
    </div>
  );
}

function share(value: number | null, max: number): number | null {
  return value === null || max <= 0 ? null : value / max;
}

export function UnitResultPopup({ unit, maxima }: { unit: UnitResult; maxima: UnitMaxima }): ReactNode {
  const { t, formatNumber } = useI18n();
  const pct = (v: number): string => `${formatNumber(v, 1)} %`;
  return (
    <div className="result-popup" data-testid="result-popup">
      <h3>{unit.name}</h3>
      <Row
        label={t('analysis.popup.mean', { index: productLabel(unit.index, t) })}
        text={unit.mean === null ? '—' : formatNumber(unit.mean, valueDigits(unit.mean))}
        share={share(unit.mean, maxima.mean)}
      />
      <Row
        label={t('analysis.popup.cover')}
        text={unit.coverPct === null ? '—' : pct(unit.coverPct)}
        share={unit.coverPct === null ? null : unit.coverPct / 100}
      />
      <Row
        label={t('analysis.popup.biomass')}
        text={
          unit.biomassKgHa === null ? (
            <em>{t('analysis.popup.uncalibrated')}</em>
          ) : (
            `${formatNumber(unit.biomassKgHa)} ${t('analysis.unit.kgHa')}`
          )
        }
        share={share(unit.biomassKgHa, maxima.biomass)}
      />
      <Row
        label={t('analysis.popup.class')}
        text={
          unit.recoveryClass ? (
            <span className="result-popup__class" style={{ background: CONDITION.colourOf(unit) }}>
              {unit.recoveryClass}
            </span>
          ) : (
            <em>{t('analysis.popup.noClass')}</em>
          )
        }
      />
      <Row
        label={t('analysis.popup.capacity')}
        text={
          unit.capacitySu === null
            ? '—'
            : t('analysis.popup.capacityValue', {
                su: formatNumber(unit.capacitySu),
                days: unit.seasonDays === null ? '—' : formatNumber(unit.seasonDays),
              })
        }
        share={share(unit.capacitySu, maxima.capacity)}
      />
      <Row label={t('analysis.popup.coverage')} text={pct(unit.coveragePct)} share={unit.coveragePct / 100} />
      <Row label={t('popup.area')} text={`${formatNumber(unit.areaHa, 1)} ${t('unit.ha')}`} />
    </div>
  );
}
