/**
 * One survey in the list: its footprint, name and status badge; date, kind and soum; GSD, size in
 * pixels and of the uploaded file, bands; processing progress or the error; the upload control;
 * and actions — show on the map, download the COG, prepare and download the offline package, upload
 * again, delete (asked twice).
 */
import { useState, type ReactNode } from 'react';
import { cogUrl } from '../api/surveys.ts';
import { BAND_NAMES, type BandName, type Survey } from '../api/survey.types.ts';
import { Icon } from '../components/Icon.tsx';
import { Link } from '../components/Link.tsx';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFormat } from '../i18n/useFormat.ts';
import type { InterruptedUpload } from '../upload/interrupted.uploads.ts';
import { isBusy } from '../upload/upload.state.ts';
import { UploadControl } from '../upload/UploadControl.tsx';
import { useUpload } from '../upload/UploadsProvider.tsx';
import { BAND_COLOURS } from './band.presets.ts';
import { FootprintThumb } from './FootprintThumb.tsx';
import { OfflinePackage } from './OfflinePackage.tsx';
import { StatusBadge } from './StatusBadge.tsx';

export interface SurveyCardProps {
  readonly survey: Survey;
  readonly soumLabel: string | null;
  readonly interrupted: InterruptedUpload | undefined;
  readonly highlighted: boolean;
  readonly onDelete: (id: string) => Promise<void>;
}

function isBand(name: string): name is BandName {
  return (BAND_NAMES as readonly string[]).includes(name);
}

function Bands({ bands }: { bands: readonly string[] }): ReactNode {
  const { t } = useI18n();
  return (
    <span className="survey__bands">
      {bands.map((b, i) => (
        <span key={`${b}-${i}`} className="band-chip" title={`${i + 1}: ${isBand(b) ? t(`band.${b}`) : b}`}>
          <span
            className="bands__dot"
            style={{ background: isBand(b) ? BAND_COLOURS[b] : BAND_COLOURS.other }}
          />
          {isBand(b) ? t(`band.short.${b}`) : b}
        </span>
      ))}
    </span>
  );
}

export function SurveyCard({
  survey,
  soumLabel,
  interrupted,
  highlighted,
  onDelete,
}: SurveyCardProps): ReactNode {
  const { t } = useI18n();
  const format = useFormat();
  const upload = useUpload(survey.id);
  const [replacing, setReplacing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);
  const ready = survey.status === 'ready';
  const uploadingHere = upload !== undefined && isBusy(upload.phase);
  // The list is not polled while this tab uploads (it knows better): show what is happening.
  const uploadOpen = upload !== undefined && upload.phase !== 'done' && upload.phase !== 'failed';
  const status = uploadOpen ? 'uploading' : survey.status;

  const remove = async (): Promise<void> => {
    setDeleting(true);
    setDeleteProblem(null);
    try {
      await onDelete(survey.id);
    } catch (err) {
      setDeleteProblem(err instanceof Error ? err.message : String(err));
      setDeleting(false);
      setConfirming(false);
    }
  };

  return (
    <li
      className={`card survey survey--${status} ${highlighted ? 'survey--highlighted' : ''}`}
      data-testid="survey-card"
      data-survey-id={survey.id}
      data-status={survey.status}
      id={`survey-${survey.id}`}
    >
      <FootprintThumb survey={survey} />
      <div className="survey__main">
        <div className="survey__title-row">
          <h3 className="survey__name" data-testid="survey-name-text">
            {survey.name}
          </h3>
          <StatusBadge status={status} progress={survey.progress} />
        </div>
        <div className="survey__meta">
          <span>
            <Icon name="clock" size={14} /> {format.date(survey.date)}
          </span>
          <span className={`kind-tag kind-tag--${survey.kind}`}>
            {t(survey.kind === 'rgb' ? 'kind.rgb' : 'kind.multispectral')}
          </span>
          <span>
            <Icon name="map" size={14} /> {soumLabel ?? t('survey.noSoum')}
          </span>
        </div>
        {(survey.gsd !== null || survey.width !== null || survey.source || survey.bands) && (
          <dl className="survey__facts">
            {survey.gsd !== null && (
              <div>
                <dt>{t('survey.gsd')}</dt>
                <dd data-testid="survey-gsd">{format.gsd(survey.gsd)}</dd>
              </div>
            )}
            {survey.width !== null && survey.height !== null && (
              <div>
                <dt>{t('survey.pixels')}</dt>
                <dd>{format.pixels(survey.width, survey.height)}</dd>
              </div>
            )}
            {survey.source && (
              <div>
                <dt>{t('survey.fileSize')}</dt>
                <dd title={survey.source.filename}>{format.bytes(survey.source.size)}</dd>
              </div>
            )}
            {survey.bands && survey.bands.length > 0 && (
              <div>
                <dt>{t('survey.bands')}</dt>
                <dd>
                  <Bands bands={survey.bands} />
                </dd>
              </div>
            )}
          </dl>
        )}
        {survey.status === 'queued' && (
          <div className="survey__progress">
            <ProgressBar value={null} tone="amber" label={t('status.queued')} testId="processing-progress" />
            <span className="muted">{t('survey.queuedNote')}</span>
          </div>
        )}
        {survey.status === 'uploading' && !upload && (
          <div className="survey__progress">
            <ProgressBar
              value={survey.progress}
              tone="blue"
              label={t('status.uploading')}
              testId="received-progress"
            />
            <span className="muted">
              {t('survey.receivedNote', { percent: format.percent(survey.progress) })}
            </span>
          </div>
        )}
        {survey.status === 'processing' && (
          <div className="survey__progress">
            <ProgressBar
              value={survey.progress}
              tone="blue"
              animated
              label={t('status.processing')}
              testId="processing-progress"
            />
            <span className="muted">
              {t('survey.processingNote', { percent: format.percent(survey.progress) })}
            </span>
          </div>
        )}
        {survey.status === 'failed' && survey.error && !uploadingHere && (
          <div className="alert alert--error survey__error" role="alert" data-testid="survey-error">
            <Icon name="alert" size={16} /> {t('survey.processingFailed', { message: survey.error })}
          </div>
        )}
        <UploadControl
          survey={survey}
          interrupted={interrupted}
          replacing={replacing}
          onReplaceDone={() => setReplacing(false)}
        />
        {deleteProblem && (
          <div className="alert alert--error" role="alert">
            {t('survey.deleteFailed', { message: deleteProblem })}
          </div>
        )}
      </div>
      <div className="survey__actions">
        {ready && (
          <Link
            to={{ page: 'map', survey: survey.id }}
            className="button button--primary button--small"
            testId="survey-zoom"
            title={t('survey.showOnMap')}
          >
            <Icon name="target" size={16} />
            <span>{t('survey.showOnMap')}</span>
          </Link>
        )}
        {ready && (
          <a
            className="button button--secondary button--small"
            href={cogUrl(survey.id)}
            download
            data-testid="survey-download"
          >
            <Icon name="download" size={16} />
            <span>{t('survey.downloadCog')}</span>
          </a>
        )}
        {ready && <OfflinePackage surveyId={survey.id} />}
        {ready && !upload && !replacing && (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setReplacing(true)}
          >
            <Icon name="upload" size={16} />
            <span>{t('survey.replace')}</span>
          </button>
        )}
        {confirming ? (
          <span className="confirm" role="group" aria-label={t('survey.deleteConfirm')}>
            <span className="confirm__text">{t('survey.deleteConfirm')}</span>
            <button
              type="button"
              className="button button--danger button--small"
              disabled={deleting}
              onClick={() => void remove()}
              data-testid="survey-delete-confirm"
            >
              {t('survey.delete')}
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              disabled={deleting}
              onClick={() => setConfirming(false)}
            >
              {t('common.cancel')}
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="icon-button icon-button--danger"
            title={t('survey.delete')}
            aria-label={t('survey.delete')}
            disabled={uploadingHere}
            onClick={() => setConfirming(true)}
            data-testid="survey-delete"
          >
            <Icon name="trash" size={17} />
          </button>
        )}
      </div>
    </li>
  );
}
