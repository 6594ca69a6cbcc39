/**
 * The attributes of a pasture unit being created or edited: name, season, use, notes, reference
 * biomass (kg DM/ha, DOMAIN §6), and the area — live from the drawing, or the server's.
 */
import type { ReactNode } from 'react';
import { ChoiceField } from '../components/ChoiceField.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { SEASONS, USES, type UnitAttributes } from './units.api.ts';

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
        <ChoiceField
          label={t('units.season')}
          value={value.season}
          options={SEASONS}
          optionLabel={(s) => t(`units.season.${s}`)}
          onChange={(season) => set({ season })}
          disabled={disabled}
          testId="unit-season"
        />
        <ChoiceField
          label={t('units.use')}
          value={value.use}
          options={USES}
          optionLabel={(u) => t(`units.use.${u}`)}
          onChange={(use) => set({ use })}
          disabled={disabled}
          testId="unit-use"
        />
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
