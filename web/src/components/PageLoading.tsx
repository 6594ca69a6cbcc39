/**
 * A page's content while its code or first data loads, under the header.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Spinner } from './Spinner.tsx';

export function PageLoading(): ReactNode {
  const { t } = useI18n();
  return (
    <main className="page-loading" role="status" aria-live="polite">
      <Spinner />
      <span>{t('app.loading')}</span>
    </main>
  );
}
