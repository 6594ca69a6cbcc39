/**
 * One running (or just finished, or failed) upload: file name and percentage, the bar, bytes sent
 * of the total, speed and time left, pause/resume and cancel, and what is going on in words —
 * resumed from an interrupted upload, waiting for the network, retrying, the server's message.
 */
import type { ReactNode } from 'react';
import { Icon } from '../components/Icon.tsx';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { useNow } from '../app/useNow.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFormat } from '../i18n/useFormat.ts';
import { percentOf, type UploadProblem, type UploadSnapshot } from './upload.state.ts';

export interface UploadProgressProps {
  readonly upload: UploadSnapshot;
  readonly onPause: () => void;
  readonly onResume: () => void;
  readonly onCancel: () => void;
  readonly onChooseAnother: () => void;
  readonly onDismiss: () => void;
}

/** Whether trying again can help: a network failure or a server error, not a refused file. */
function retryable(problem: UploadProblem | null): boolean {
  return (
    problem?.kind === 'network' ||
    (problem?.kind === 'server' && (problem.status >= 500 || problem.status === 0))
  );
}

function ProblemText({ problem }: { problem: UploadProblem }): ReactNode {
  const { t } = useI18n();
  switch (problem.kind) {
    case 'empty':
      return t('upload.problem.empty');
    case 'notTiff':
      return t('upload.problem.notTiff');
    case 'network':
      return t('upload.problem.network');
    case 'server':
      return t('upload.problem.server', { message: problem.message });
  }
}

export function UploadProgress({
  upload,
  onPause,
  onResume,
  onCancel,
  onChooseAnother,
  onDismiss,
}: UploadProgressProps): ReactNode {
  const { t } = useI18n();
  const format = useFormat();
  const now = useNow(upload.retry !== null);
  const percent = percentOf(upload);
  const { phase } = upload;
  const tone =
    phase === 'failed'
      ? 'red'
      : phase === 'paused' || phase === 'offline'
        ? 'amber'
        : phase === 'hashing'
          ? 'grey'
          : phase === 'done'
            ? 'green'
            : 'blue';
  const running = phase === 'uploading' || phase === 'hashing' || phase === 'checking';
  return (
    <div className={`upload upload--${phase}`} data-testid="upload-panel" data-phase={phase}>
      <div className="upload__head">
        <Icon name={phase === 'done' ? 'check' : 'file'} size={18} className="upload__file-icon" />
        <span className="upload__name" title={upload.fileName}>
          {upload.fileName}
        </span>
        <span className="upload__percent" data-testid="upload-percent">
          {phase === 'checking' ? '' : format.percent(phase === 'done' ? 100 : percent)}
        </span>
      </div>
      <ProgressBar
        value={phase === 'checking' ? null : phase === 'done' ? 100 : percent}
        tone={tone}
        animated={phase === 'uploading'}
        label={t(phase === 'hashing' ? 'upload.hashing' : 'upload.progress')}
        testId={phase === 'hashing' ? 'hash-progress' : 'upload-progress'}
      />
      <div className="upload__meta">
        <span className="upload__stats" data-testid="upload-stats">
          {phase === 'hashing' &&
            t('upload.hashingBytes', { done: format.bytes(upload.hashed), total: format.bytes(upload.size) })}
          {phase === 'checking' && t('upload.checking')}
          {phase !== 'hashing' && phase !== 'checking' && (
            <>
              {t('upload.bytes', {
                sent: format.bytes(phase === 'done' ? upload.size : upload.sent),
                total: format.bytes(upload.size),
              })}
              {phase === 'uploading' && upload.speed !== null && <> · {format.speed(upload.speed)}</>}
              {phase === 'uploading' && upload.secondsLeft !== null && (
                <> · {t('upload.timeLeft', { time: format.duration(upload.secondsLeft) })}</>
              )}
            </>
          )}
        </span>
        <span className="upload__actions">
          {phase === 'uploading' && (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={onPause}
              data-testid="upload-pause"
            >
              <Icon name="pause" size={15} /> {t('upload.pause')}
            </button>
          )}
          {(phase === 'paused' ||
            phase === 'offline' ||
            (phase === 'failed' && retryable(upload.problem))) && (
            <button
              type="button"
              className="button button--primary button--small"
              onClick={onResume}
              data-testid="upload-resume"
            >
              <Icon name="play" size={15} /> {t(phase === 'failed' ? 'common.retry' : 'upload.resume')}
            </button>
          )}
          {phase === 'failed' && !retryable(upload.problem) && (
            <button type="button" className="button button--primary button--small" onClick={onChooseAnother}>
              <Icon name="upload" size={15} /> {t('upload.chooseAnother')}
            </button>
          )}
          {(running || phase === 'paused' || phase === 'offline' || phase === 'failed') && (
            <button
              type="button"
              className="button button--danger-ghost button--small"
              onClick={onCancel}
              data-testid="upload-cancel"
            >
              <Icon name="x" size={15} /> {t('upload.cancel')}
            </button>
          )}
          {phase === 'cancelling' && (
            <span className="upload__status">
              <Spinner size={14} /> {t('upload.cancelling')}
            </span>
          )}
          {phase === 'done' && (
            <button
              type="button"
              className="icon-button"
              onClick={onDismiss}
              title={t('common.close')}
              aria-label={t('common.close')}
            >
              <Icon name="x" size={16} />
            </button>
          )}
        </span>
      </div>
      {upload.resumedAt !== null && phase === 'uploading' && (
        <p className="upload__note upload__note--info" role="status" data-testid="upload-resumed">
          <Icon name="refresh" size={15} />{' '}
          {t('upload.resumed', { percent: format.percent(upload.resumedAt) })}
        </p>
      )}
      {phase === 'offline' && (
        <p className="upload__note upload__note--warning" role="status">
          <Icon name="wifiOff" size={15} /> {t('upload.offline')}
        </p>
      )}
      {upload.retry !== null && phase === 'uploading' && (
        <p className="upload__note upload__note--warning" role="status">
          <Spinner size={13} />{' '}
          {t('upload.retrying', {
            attempt: upload.retry.attempt,
            seconds: Math.max(0, Math.ceil((upload.retry.at - now) / 1000)),
          })}
        </p>
      )}
      {phase === 'paused' && <p className="upload__note">{t('upload.pausedNote')}</p>}
      {phase === 'done' && (
        <p className="upload__note upload__note--success" role="status" data-testid="upload-done">
          <Icon name="check" size={15} /> {t('upload.done')}
        </p>
      )}
      {phase === 'failed' && upload.problem && (
        <p className="upload__note upload__note--error" role="alert" data-testid="upload-error">
          <Icon name="alert" size={15} /> <ProblemText problem={upload.problem} />
        </p>
      )}
    </div>
  );
}
