/**
 * One unit's demand against its capacity as a bar coloured by utilisation band (DOMAIN §7), with a
 * mark at capacity; greyed with "no survey" when the unit's forage is unknown, or "computed when
 * saved" for a unit new to the plan (the server gives its forage on the next save).
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { BAND_COLOURS, barFraction, CAPACITY_MARK, type UnitLoad } from './utilisation.ts';

export function CapacityBar({ name, load }: { name: string; load: UnitLoad }): ReactNode {
  const { t, formatNumber } = useI18n();
  const known = load.pct !== null;
  const width = known ? barFraction(load.pct ?? 0) : 1;
  return (
    <div
      className={`capacity ${known ? '' : 'capacity--none'}`}
      data-testid="capacity-bar"
      data-band={load.band}
    >
      <div className="capacity__label">
        <span>{name}</span>
        <strong>
          {load.pct === null
            ? t(`plans.band.${load.band}`)
            : Number.isFinite(load.pct)
              ? `${formatNumber(load.pct, 0)} %`
              : '∞'}
        </strong>
      </div>
      <div className="capacity__track">
        <div
          className="capacity__fill"
          style={{ width: `${width * 100}%`, background: BAND_COLOURS[load.band] }}
        />
        <div className="capacity__mark" style={{ left: `${CAPACITY_MARK * 100}%` }} />
      </div>
      <div className="capacity__note">
        {load.grazableKg === null
          ? t('plans.demand', { t: formatNumber(load.demandKg / 1000, 1) })
          : t('plans.demandOf', {
              band: t(`plans.band.${load.band}`),
              t: formatNumber(load.demandKg / 1000, 1),
              of: formatNumber(load.grazableKg / 1000, 1),
            })}
      </div>
    </div>
  );
}
