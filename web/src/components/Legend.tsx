/**
 * The legend of the map's layers, doubling as their switches: a swatch drawn in the layer's own
 * colours, a checkbox, the survey count (a button that fits the map to them all, since a survey is
 * a speck on the map of Mongolia) with the kind colours, and the unit counts. Folds to its header
 * (MapCard).
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/i18n.ts';
import type { LayerGroup } from '../map/layer.groups.ts';
import { PALETTE } from '../map/palette.ts';
import { Icon } from './Icon.tsx';
import { MapCard } from './MapCard.tsx';

export interface LegendProps {
  readonly visible: Readonly<Record<LayerGroup, boolean>>;
  readonly onToggle: (group: LayerGroup) => void;
  readonly counts: { readonly aimags: number; readonly soums: number } | null;
  /** Ready surveys on the map, or null while they load. */
  readonly surveys: number | null;
  /** Fit the map to all surveys. */
  readonly onFitSurveys: () => void;
}

function Swatch({ group }: { group: LayerGroup }): ReactNode {
  switch (group) {
    case 'surveys':
      return (
        <svg className="legend__swatch" viewBox="0 0 28 18" aria-hidden="true">
          <path
            d="M2 5 11 2l4 9-9 5Z"
            fill={PALETTE.surveyRgb}
            fillOpacity="0.3"
            stroke={PALETTE.surveyRgb}
            strokeWidth="1.5"
            strokeLinejoin="round"
          />
          <circle cx="21" cy="9" r="4.5" fill={PALETTE.surveyMultispectral} stroke="#fff" strokeWidth="2" />
        </svg>
      );
    case 'aimags':
      return (
        <svg className="legend__swatch" viewBox="0 0 28 18" aria-hidden="true">
          <path
            d="M2 14 C8 4 18 16 26 4"
            fill="none"
            stroke={PALETTE.aimagCasing}
            strokeWidth="5"
            strokeLinecap="round"
          />
          <path
            d="M2 14 C8 4 18 16 26 4"
            fill="none"
            stroke={PALETTE.aimagLine}
            strokeWidth="2.4"
            strokeLinecap="round"
          />
        </svg>
      );
    case 'soums':
      return (
        <svg className="legend__swatch" viewBox="0 0 28 18" aria-hidden="true">
          <rect
            x="1.5"
            y="1.5"
            width="25"
            height="15"
            rx="3"
            fill={PALETTE.soumFill}
            stroke={PALETTE.soumLine}
            strokeWidth="1.2"
          />
          <path d="M14 1.5 V16.5" stroke={PALETTE.soumLine} strokeWidth="1" />
        </svg>
      );
    case 'labels':
      return (
        <span className="legend__swatch legend__swatch--text" aria-hidden="true">
          Аа
        </span>
      );
  }
}

const ENTRIES: readonly { group: LayerGroup; label: MessageKey }[] = [
  { group: 'surveys', label: 'legend.surveys' },
  { group: 'aimags', label: 'legend.aimags' },
  { group: 'soums', label: 'legend.soums' },
  { group: 'labels', label: 'legend.labels' },
];

function SurveyKinds(): ReactNode {
  const { t } = useI18n();
  return (
    <div className="legend__kinds">
      <span className="legend__kind">
        <span className="legend__dot" style={{ background: PALETTE.surveyRgb }} />
        {t('kind.rgb')}
      </span>
      <span className="legend__kind">
        <span className="legend__dot" style={{ background: PALETTE.surveyMultispectral }} />
        {t('kind.multispectral')}
      </span>
    </div>
  );
}

export function Legend({ visible, onToggle, counts, surveys, onFitSurveys }: LegendProps): ReactNode {
  const { t } = useI18n();
  return (
    <MapCard title={t('legend.title')} toggleTitle={t('legend.toggle')} icon="layers" testId="legend">
      <ul className="legend__list">
        {ENTRIES.map(({ group, label }) => (
          <li key={group}>
            <div className="legend__row">
              <label className="legend__item">
                <input
                  type="checkbox"
                  checked={visible[group]}
                  onChange={() => onToggle(group)}
                  data-testid={`legend-${group}`}
                />
                <Swatch group={group} />
                <span>{t(label)}</span>
              </label>
              {group === 'surveys' && surveys !== null && (
                <button
                  type="button"
                  className="legend__count"
                  title={t('legend.fitSurveys')}
                  aria-label={`${t('legend.fitSurveys')} (${surveys})`}
                  disabled={surveys === 0}
                  onClick={onFitSurveys}
                  data-testid="legend-surveys-count"
                >
                  {surveys}
                  <Icon name="target" size={12} strokeWidth={2.2} />
                </button>
              )}
            </div>
            {group === 'surveys' && <SurveyKinds />}
          </li>
        ))}
      </ul>
      {counts && <p className="legend__meta">{t('legend.count', counts)}</p>}
      <p className="legend__meta legend__source">{t('legend.source')}</p>
    </MapCard>
  );
}
