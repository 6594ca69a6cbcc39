/**
 * The map page: header, the map of aimags and soums with its legend, and the loading and error
 * states of the boundary data laid over the map.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { User } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Header } from '../components/Header.tsx';
import { Legend } from '../components/Legend.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { MapView } from '../map/MapView.tsx';
import { useAdminUnits } from '../map/useAdminUnits.ts';
import type { LayerGroup } from '../map/admin.layers.ts';

export interface MapPageProps {
  readonly user: User;
  readonly onSignOut: () => Promise<void>;
  readonly onSessionExpired: () => void;
}

export function MapPage({ user, onSignOut, onSessionExpired }: MapPageProps): ReactNode {
  const { t } = useI18n();
  const { state, retry } = useAdminUnits();
  const expired = state.status === 'error' && state.httpStatus === 401;
  useEffect(() => {
    if (expired) onSessionExpired();
  }, [expired, onSessionExpired]);
  const [visible, setVisible] = useState<Record<LayerGroup, boolean>>({
    aimags: true,
    soums: true,
    labels: true,
  });
  const [hintSeen, setHintSeen] = useState(false);
  const toggle = useCallback((group: LayerGroup) => setVisible((v) => ({ ...v, [group]: !v[group] })), []);
  const onSelect = useCallback((code: string | null) => {
    if (code) setHintSeen(true);
  }, []);
  const ready = state.status === 'ready' ? state : null;
  return (
    <div className="app">
      <Header user={user} onSignOut={onSignOut} />
      <main className="map-page">
        <MapView
          aimags={ready?.aimags ?? null}
          soums={ready?.soums ?? null}
          visible={visible}
          onSelect={onSelect}
        />
        <Legend
          visible={visible}
          onToggle={toggle}
          counts={ready ? { aimags: ready.aimags.features.length, soums: ready.soums.features.length } : null}
        />
        {state.status === 'loading' && (
          <div className="map-status" role="status" aria-live="polite" data-testid="map-loading">
            <Spinner size={18} />
            <span>{t('map.loading')}</span>
          </div>
        )}
        {state.status === 'error' && (
          <div className="map-status map-status--error" role="alert" data-testid="map-error">
            <div>
              <strong>{t('map.error')}</strong>
              <div className="map-status__detail">
                {state.httpStatus
                  ? t('app.serverError', { status: state.httpStatus })
                  : t('app.unreachable.title')}
              </div>
            </div>
            <button type="button" className="button button--primary" onClick={retry}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {ready && !hintSeen && (
          <div className="map-hint" data-testid="map-hint">
            <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
              <path
                d="M9 3v10.5l-2.2-2.1a1.6 1.6 0 0 0-2.3 2.3L9.8 19a5 5 0 0 0 3.6 1.5H15a5 5 0 0 0 5-5V10a1.5 1.5 0 0 0-3 0V9a1.5 1.5 0 0 0-3 0V8.5a1.5 1.5 0 0 0-3 0V3a1.5 1.5 0 0 0-3 0Z"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.6"
                strokeLinejoin="round"
              />
            </svg>
            {t('map.hint')}
          </div>
        )}
      </main>
    </div>
  );
}
