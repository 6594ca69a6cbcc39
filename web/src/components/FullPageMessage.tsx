/**
 * Whole-page states before the app can show anything: loading, and "cannot reach the server"
 * with a retry button.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';
import { Spinner } from './Spinner.tsx';

type Props =
  | { readonly kind: 'loading' }
  | { readonly kind: 'unreachable'; readonly httpStatus: number | null; readonly onRetry: () => void };

export function FullPageMessage(props: Props): ReactNode {
  const { t } = useI18n();
  return (
    <main className="page-center">
      <div className="page-center__lang">
        <LanguageSwitch />
      </div>
      {props.kind === 'loading' ? (
        <div className="full-message" role="status" aria-live="polite">
          <Logo size={48} />
          <div className="full-message__row">
            <Spinner />
            <span>{t('app.loading')}</span>
          </div>
        </div>
      ) : (
        <div className="card full-message" role="alert" data-testid="unreachable">
          <div className="full-message__icon" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="40" height="40">
              <path
                d="M2 8.5a15 15 0 0 1 20 0M5 12a10 10 0 0 1 14 0M8.5 15.5a5 5 0 0 1 7 0"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
              />
              <circle cx="12" cy="19" r="1.6" fill="currentColor" />
              <path d="M3 3l18 18" stroke="#c0392b" strokeWidth="2.2" strokeLinecap="round" />
            </svg>
          </div>
          <h1>{t('app.unreachable.title')}</h1>
          <p>
            {props.httpStatus
              ? t('app.serverError', { status: props.httpStatus })
              : t('app.unreachable.body')}
          </p>
          <button type="button" className="button button--primary" onClick={props.onRetry}>
            {t('common.retry')}
          </button>
        </div>
      )}
    </main>
  );
}
