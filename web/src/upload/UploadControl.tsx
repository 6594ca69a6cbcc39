/**
 * A survey's upload control: a drop zone (or a file button) to choose the orthomosaic, then the
 * running upload until processing has an outcome. When an interrupted upload of this survey is known (after a reload), it says
 * how far it got and that choosing the same file again resumes it.
 */
import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { isActive, type Survey } from '../api/survey.types.ts';
import { Icon } from '../components/Icon.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFormat } from '../i18n/useFormat.ts';
import type { InterruptedUpload } from './interrupted.uploads.ts';
import { UploadProgress } from './UploadProgress.tsx';
import { useUpload, useUploadManager } from './UploadsProvider.tsx';

export interface UploadControlProps {
  readonly survey: Survey;
  readonly interrupted: InterruptedUpload | undefined;
  /** Show the drop zone even though the survey has imagery (replacing it). */
  readonly replacing: boolean;
  readonly onReplaceDone: () => void;
}

const ACCEPT = '.tif,.tiff,image/tiff';

export function UploadControl({
  survey,
  interrupted,
  replacing,
  onReplaceDone,
}: UploadControlProps): ReactNode {
  const { t } = useI18n();
  const format = useFormat();
  const manager = useUploadManager();
  const upload = useUpload(survey.id);
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  // A finished upload stays on screen until processing has an outcome (ready or failed), which the
  // card shows itself: the survey must have been seen queued or processing after the last byte, so
  // the outcome of an earlier upload (re-uploading a failed survey) does not count.
  const sawProcessing = useRef(false);
  const phase = upload?.phase;
  useEffect(() => {
    if (phase !== 'done') {
      sawProcessing.current = false;
      return;
    }
    if (isActive(survey.status)) sawProcessing.current = true;
    else if (sawProcessing.current && (survey.status === 'ready' || survey.status === 'failed'))
      manager?.dismiss(survey.id);
  }, [phase, survey.status, manager, survey.id]);

  const startWith = (file: File | undefined): void => {
    if (!file || !manager) return;
    onReplaceDone();
    void manager.start(survey.id, file);
  };
  const choose = (): void => inputRef.current?.click();
  const input = (
    <input
      ref={inputRef}
      type="file"
      accept={ACCEPT}
      className="visually-hidden"
      tabIndex={-1}
      data-testid="upload-input"
      onChange={(e) => {
        startWith(e.target.files?.[0]);
        e.target.value = '';
      }}
    />
  );

  if (upload) {
    return (
      <>
        {input}
        <UploadProgress
          upload={upload}
          onPause={() => manager?.pause(survey.id)}
          onResume={() => manager?.resume(survey.id)}
          onCancel={() => void manager?.cancel(survey.id)}
          onChooseAnother={choose}
          onDismiss={() => manager?.dismiss(survey.id)}
        />
      </>
    );
  }

  const waiting = survey.status === 'queued' || survey.status === 'processing';
  const hasImagery = survey.status === 'ready';
  if (waiting || (hasImagery && !replacing)) return input;

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setDragging(false);
    startWith(event.dataTransfer.files[0]);
  };
  const percent =
    interrupted && interrupted.offset !== null && interrupted.size > 0
      ? (interrupted.offset / interrupted.size) * 100
      : null;
  return (
    <>
      {input}
      {interrupted && (
        <p className="upload__note upload__note--warning" data-testid="upload-interrupted">
          <Icon name="refresh" size={15} />
          {percent === null
            ? t('upload.interruptedUnknown', { file: interrupted.fileName })
            : t('upload.interrupted', {
                file: interrupted.fileName,
                percent: format.percent(percent),
                size: format.bytes(interrupted.size),
              })}
        </p>
      )}
      <div
        className={`dropzone ${dragging ? 'dropzone--over' : ''}`}
        role="button"
        tabIndex={0}
        data-testid="upload-dropzone"
        onClick={choose}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            choose();
          }
        }}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span className="dropzone__icon">
          <Icon name="upload" size={22} />
        </span>
        <span className="dropzone__text">
          <strong>
            {t(interrupted ? 'upload.chooseSame' : hasImagery ? 'upload.chooseReplacement' : 'upload.choose')}
          </strong>
          <span className="muted">{t('upload.hint')}</span>
        </span>
        {hasImagery && (
          <button
            type="button"
            className="icon-button dropzone__close"
            title={t('common.cancel')}
            aria-label={t('common.cancel')}
            onClick={(e) => {
              e.stopPropagation();
              onReplaceDone();
            }}
          >
            <Icon name="x" size={16} />
          </button>
        )}
      </div>
    </>
  );
}
