/**
 * The attributes of a pasture unit being created or edited: name, season, use, notes, reference
 * biomass (kg DM/ha, DOMAIN §6), and the area — live from the drawing, or the server's.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { SEASONS, USES, type Season, type UnitAttributes, type Use } from './units.api.ts';

export interface UnitFormProps {
  readonly value: UnitAttributes;
  readonly areaHa: number | null;
  readonly soumLabel: string;
  readonly disabled: boolean;
  readonly onChange: (value: UnitAttributes) => void;
}

export function UnitForm({ value, areaHa, soumLabel, disabled, onChange }: UnitFormProps): ReactNode {
  const { t, formatNumber } = useI18n();
  const set = (change: Partial<UnitAttributes>): void => onChange({ ...value, ...change });
  return (
    <div className="unit-form" data-testid="unit-form">
      <div className="unit-form__area" data-testid="unit-area">
        {areaHa === null ? '—' : `${formatNumber(areaHa, 2)} ${t('units.ha')}`}
        <span className="unit-form__soum">{soumLabel}</span>
      </div>
      <label className="field">
        <span className="field__label">{t('units.name')}</span>
        <input
          className="input"
          value={value.name}
          disabled={disabled}
          data-testid="unit-name"
          onChange={(e) => set({ name: e.target.value })}
        />
      </label>
      <div className="unit-form__row">
        <label className="field">
          <span className="field__label">{t('units.season')}</span>
          <select
            className="select"
            value={value.season}
            disabled={disabled}
            data-testid="unit-season"
            onChange={(e) => set({ season: e.target.value as Season })}
          >
            {SEASONS.map((s) => (
              <option key={s} value={s}>
                {t(`units.season.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('units.use')}</span>
          <select
            className="select"
            value={value.use}
            disabled={disabled}
            data-testid="unit-use"
            onChange={(e) => set({ use: e.target.value as Use })}
          >
            {USES.map((u) => (
              <option key={u} value={u}>
                {t(`units.use.${u}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span className="field__label">{t('units.referenceBiomass')}</span>
        <input
          className="input"
          type="number"
          min={0}
          value={value.reference_biomass_kg_ha ?? ''}
          disabled={disabled}
          onChange={(e) =>
            set({ reference_biomass_kg_ha: e.target.value === '' ? null : Number(e.target.value) })
          }
        />
      </label>
      <label className="field">
        <span className="field__label">{t('units.notes')}</span>
        <textarea
          data-testid="unit-notes"
          className="input"
          rows={2}
          value={value.notes ?? ''}
          disabled={disabled}
          onChange={(e) => set({ notes: e.target.value || null })}
        />
      </label>
    </div>
  );
}
