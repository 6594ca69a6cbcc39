/**
 * How many surveys are in each status, as small coloured counters above the list (only the
 * statuses that occur).
 */
import type { ReactNode } from 'react';
import { SURVEY_STATUSES, type Survey } from '../api/survey.types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function StatusSummary({ surveys }: { surveys: readonly Survey[] }): ReactNode {
  const { t } = useI18n();
  const counts = SURVEY_STATUSES.map((status) => ({
    status,
    n: surveys.filter((s) => s.status === status).length,
  })).filter((c) => c.n > 0);
  return (
    <ul className="status-summary" aria-label={t('surveys.summary')}>
      {counts.map(({ status, n }) => (
        <li key={status} className={`status-summary__item badge--${status}`}>
          <strong>{n}</strong> {t(`status.${status}`)}
        </li>
      ))}
    </ul>
  );
}
