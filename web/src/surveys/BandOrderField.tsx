/**
 * The band order of a multispectral orthomosaic: a camera preset, and the order itself as numbered
 * chips that can be moved, removed, or added — a changed order shows as "custom".
 */
import type { ReactNode } from 'react';
import { BAND_NAMES, type BandName } from '../api/survey.types.ts';
import { Icon } from '../components/Icon.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { BAND_COLOURS, SENSOR_PRESETS, presetOf } from './band.presets.ts';

export interface BandOrderFieldProps {
  readonly bands: readonly BandName[];
  readonly onChange: (bands: readonly BandName[]) => void;
  readonly disabled?: boolean;
}

const CUSTOM = 'custom';

function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

export function BandOrderField({ bands, onChange, disabled = false }: BandOrderFieldProps): ReactNode {
  const { t } = useI18n();
  const preset = presetOf(bands);
  const bandName = (b: BandName): string => t(`band.${b}`);
  return (
    <fieldset className="field bands" disabled={disabled}>
      <legend className="field__label">{t('survey.bands')}</legend>
      <select
        className="select"
        value={preset?.id ?? CUSTOM}
        aria-label={t('survey.sensor')}
        data-testid="survey-sensor"
        onChange={(e) => {
          const next = SENSOR_PRESETS.find((p) => p.id === e.target.value);
          if (next) onChange(next.bands);
        }}
      >
        {SENSOR_PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
        <option value={CUSTOM} disabled={preset !== null}>
          {t('survey.sensorCustom')}
        </option>
      </select>
      <ol className="bands__list" data-testid="survey-bands">
        {bands.map((band, i) => (
          <li key={`${band}-${i}`} className="bands__chip">
            <span className="bands__index">{i + 1}</span>
            <span className="bands__dot" style={{ background: BAND_COLOURS[band] }} aria-hidden="true" />
            <span className="bands__name">{bandName(band)}</span>
            <button
              type="button"
              className="icon-button icon-button--small"
              title={t('survey.bandEarlier')}
              aria-label={`${t('survey.bandEarlier')}: ${bandName(band)}`}
              disabled={i === 0}
              onClick={() => onChange(moved(bands, i, i - 1))}
            >
              ‹
            </button>
            <button
              type="button"
              className="icon-button icon-button--small"
              title={t('survey.bandLater')}
              aria-label={`${t('survey.bandLater')}: ${bandName(band)}`}
              disabled={i === bands.length - 1}
              onClick={() => onChange(moved(bands, i, i + 1))}
            >
              ›
            </button>
            <button
              type="button"
              className="icon-button icon-button--small"
              title={t('survey.bandRemove')}
              aria-label={`${t('survey.bandRemove')}: ${bandName(band)}`}
              disabled={bands.length <= 1}
              onClick={() => onChange(bands.filter((_, j) => j !== i))}
            >
              <Icon name="x" size={12} strokeWidth={2.4} />
            </button>
          </li>
        ))}
        <li>
          <select
            className="select select--small"
            value=""
            aria-label={t('survey.bandAdd')}
            onChange={(e) => {
              const band = BAND_NAMES.find((b) => b === e.target.value);
              if (band) onChange([...bands, band]);
            }}
          >
            <option value="">+ {t('survey.bandAdd')}</option>
            {BAND_NAMES.map((b) => (
              <option key={b} value={b}>
                {bandName(b)}
              </option>
            ))}
          </select>
        </li>
      </ol>
    </fieldset>
  );
}
