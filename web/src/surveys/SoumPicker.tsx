/**
 * Where the survey was flown: an aimag, then one of its soums (Ulaanbaatar's districts under the
 * capital), or none. Two short lists are quicker on a phone than one of 339 soums.
 */
import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { unitName } from '../map/unit.name.ts';
import type { SoumDirectory } from './useSoums.ts';

export interface SoumPickerProps {
  readonly directory: SoumDirectory;
  readonly loading: boolean;
  readonly value: string | null;
  readonly onChange: (code: string | null) => void;
  readonly disabled?: boolean;
}

export function SoumPicker({
  directory,
  loading,
  value,
  onChange,
  disabled = false,
}: SoumPickerProps): ReactNode {
  const { t, lang } = useI18n();
  const chosenAimag = value ? (directory.soum(value)?.parent_code ?? null) : null;
  const [aimag, setAimag] = useState<string | null>(chosenAimag);
  const current = chosenAimag ?? aimag;
  return (
    <div className="soum-picker">
      <label className="field">
        <span className="field__label">{t('survey.aimag')}</span>
        <select
          className="select"
          value={current ?? ''}
          disabled={disabled || loading}
          data-testid="survey-aimag"
          onChange={(e) => {
            setAimag(e.target.value || null);
            onChange(null);
          }}
        >
          <option value="">{loading ? t('app.loading') : t('survey.noAimag')}</option>
          {directory.aimags.map((a) => (
            <option key={a.code} value={a.code}>
              {unitName(a, lang)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('survey.soum')}</span>
        <select
          className="select"
          value={value ?? ''}
          disabled={disabled || !current}
          data-testid="survey-soum"
          onChange={(e) => onChange(e.target.value || null)}
        >
          <option value="">{current ? t('survey.chooseSoum') : t('survey.aimagFirst')}</option>
          {current &&
            directory.soumsOf(current).map((s) => (
              <option key={s.code} value={s.code}>
                {unitName(s, lang)}
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}
