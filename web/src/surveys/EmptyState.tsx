/**
 * No surveys yet: a drone over the steppe, one sentence, and the button that starts the first.
 */
import type { ReactNode } from 'react';
import { Icon } from '../components/Icon.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

function DroneOverSteppe(): ReactNode {
  return (
    <svg className="empty__art" viewBox="0 0 240 120" aria-hidden="true" focusable="false">
      <path d="M0 92 C50 70 90 84 130 76 S200 64 240 74 V120 H0Z" fill="#c9dcb2" />
      <path d="M0 104 C60 90 120 102 170 96 S220 92 240 96 V120 H0Z" fill="#9fc389" />
      <path
        d="M92 88 l56 0 l14 24 l-84 0 Z"
        fill="#e0531f"
        fillOpacity="0.18"
        stroke="#e0531f"
        strokeWidth="1.5"
        strokeDasharray="4 3"
      />
      <g transform="translate(120 38)" stroke="#24543f" strokeWidth="2.4" strokeLinecap="round" fill="none">
        <path d="M-22 -6 H22" />
        <path d="M-8 -6 V4 H8 V-6" fill="#fff" />
        <path d="M-30 -10 H-14 M14 -10 H30" strokeWidth="2" />
        <path d="M-22 -6 V-10 M22 -6 V-10" />
      </g>
      <path
        d="M112 46 L96 88 M128 46 L144 88"
        stroke="#24543f"
        strokeOpacity="0.25"
        strokeWidth="1.2"
        strokeDasharray="2 3"
      />
      <circle cx="200" cy="24" r="10" fill="#f3c969" />
    </svg>
  );
}

export function EmptyState({ onCreate }: { onCreate: () => void }): ReactNode {
  const { t } = useI18n();
  return (
    <div className="empty card" data-testid="surveys-empty">
      <DroneOverSteppe />
      <h2>{t('surveys.empty.title')}</h2>
      <p className="muted">{t('surveys.empty.body')}</p>
      <button type="button" className="button button--primary" onClick={onCreate}>
        <Icon name="plus" /> {t('surveys.empty.action')}
      </button>
    </div>
  );
}
