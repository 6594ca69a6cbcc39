/**
 * What a click on a soum shows: its name (and the other language's name), aimag, area in ha
 * formatted for the locale, and its P-code.
 */
import type { ReactNode } from 'react';
import type { AdminUnitProperties } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CAPITAL_CODE, unitName } from './unit.name.ts';

export function UnitPopup({
  unit,
  aimag,
}: {
  unit: AdminUnitProperties;
  aimag: AdminUnitProperties | null;
}): ReactNode {
  const { lang, t, formatNumber } = useI18n();
  const name = unitName(unit, lang);
  const other = unitName(unit, lang === 'mn' ? 'en' : 'mn');
  const inCapital = unit.parent_code === CAPITAL_CODE;
  const kind = unit.level === 'aimag' ? t('unit.aimag') : inCapital ? t('unit.district') : t('unit.soum');
  return (
    <div className="unit-popup__body" data-testid="unit-popup">
      <div className="unit-popup__kind">{kind}</div>
      <h3 className="unit-popup__name">{name}</h3>
      {other !== name && <div className="unit-popup__alt">{other}</div>}
      <dl className="unit-popup__facts">
        {unit.level === 'soum' && (
          <>
            <dt>{inCapital ? t('unit.capital') : t('popup.aimag')}</dt>
            <dd>{aimag ? unitName(aimag, lang) : (unit.parent_code ?? '—')}</dd>
          </>
        )}
        <dt>{t('popup.area')}</dt>
        <dd>
          {formatNumber(unit.area_ha)} {t('unit.ha')}
        </dd>
        <dt>{t('popup.code')}</dt>
        <dd>
          <code>{unit.code}</code>
        </dd>
      </dl>
    </div>
  );
}
