/**
 * A survey's status at a glance: a coloured pill with an icon (a turning gear while processing)
 * and the status in words, with the processing percentage.
 */
import type { ReactNode } from 'react';
import type { SurveyStatus } from '../api/survey.types.ts';
import { Icon, type IconName } from '../components/Icon.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/i18n.ts';

const LOOK: Readonly<Record<SurveyStatus, { icon: IconName; label: MessageKey }>> = {
  created: { icon: 'file', label: 'status.created' },
  uploading: { icon: 'upload', label: 'status.uploading' },
  queued: { icon: 'clock', label: 'status.queued' },
  processing: { icon: 'gear', label: 'status.processing' },
  ready: { icon: 'check', label: 'status.ready' },
  failed: { icon: 'alert', label: 'status.failed' },
};

export function StatusBadge({ status, progress }: { status: SurveyStatus; progress: number }): ReactNode {
  const { t, formatNumber } = useI18n();
  const { icon, label } = LOOK[status];
  return (
    <span className={`badge badge--${status}`} data-testid="survey-status" data-status={status}>
      <Icon
        name={icon}
        size={14}
        strokeWidth={2.2}
        className={status === 'processing' ? 'icon--spin' : undefined}
      />
      {t(label)}
      {status === 'processing' && (
        <span className="badge__value">{formatNumber(Math.floor(progress))} %</span>
      )}
    </span>
  );
}
