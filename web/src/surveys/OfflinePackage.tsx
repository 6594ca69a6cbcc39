/**
 * The offline package of a ready survey, for the field without a network: a button asks the server to
 * build it (`POST /api/exports`), a progress bar follows the job, then a link downloads the zip —
 * imagery and vector PMTiles with a MapLibre style (QGIS and MapLibre read them offline). The
 * package asked for is remembered per survey (package.memory.ts): after a reload the card shows its
 * progress or its link again, until it fails, expires or is gone.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { fetchExport, packageZipUrl, requestSurveyPackage, type SurveyExport } from '../api/exports.ts';
import { Icon } from '../components/Icon.tsx';
import { ProgressBar } from '../components/ProgressBar.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFormat } from '../i18n/useFormat.ts';
import { forgetPackage, rememberedPackage, rememberPackage } from './package.memory.ts';

const POLL_MS = 1000;

const isWorking = (e: SurveyExport | null) => e !== null && (e.status === 'queued' || e.status === 'running');

export function OfflinePackage({ surveyId }: { readonly surveyId: string }): ReactNode {
  const { t } = useI18n();
  const format = useFormat();
  const [job, setJob] = useState<SurveyExport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  // A package asked for before the page was loaded: shown again while it is being built or ready.
  useEffect(() => {
    const id = rememberedPackage(window.localStorage, surveyId);
    if (!id) return;
    const abort = new AbortController();
    fetchExport(id, abort.signal).then(
      (found) => {
        if (isWorking(found) || found.status === 'ready') setJob((current) => current ?? found);
        else forgetPackage(window.localStorage, surveyId);
      },
      (err: unknown) => {
        // Gone (deleted, or another user's): forgotten; a network failure keeps it for the next load.
        if (err instanceof ApiError && err.status === 404) forgetPackage(window.localStorage, surveyId);
      },
    );
    return () => abort.abort();
  }, [surveyId]);

  const working = isWorking(job);
  const jobId = job?.id;
  useEffect(() => {
    if (!working || !jobId) return;
    // One request at a time: the next poll is scheduled when the last answer is in.
    const abort = new AbortController();
    const timer = setTimeout(() => {
      fetchExport(jobId, abort.signal).then(setJob, (err: unknown) => {
        if (!abort.signal.aborted) setProblem(err instanceof Error ? err.message : String(err));
      });
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [working, jobId, job]);

  const start = (): void => {
    setProblem(null);
    requestSurveyPackage(surveyId).then(
      (asked) => {
        rememberPackage(window.localStorage, surveyId, asked.id);
        setJob(asked);
      },
      (err: unknown) => setProblem(err instanceof Error ? err.message : String(err)),
    );
  };

  if (job && working && !problem)
    return (
      <div className="survey__progress" data-testid="package-progress">
        <ProgressBar value={job.progress} tone="blue" animated label={t('package.building')} />
        <span className="muted">{t('package.buildingNote', { percent: format.percent(job.progress) })}</span>
      </div>
    );
  if (job?.status === 'ready')
    return (
      <a
        className="button button--secondary button--small"
        href={packageZipUrl(job.id)}
        download
        data-testid="package-download"
      >
        <Icon name="download" size={16} />
        <span>
          {t('package.download')}
          {job.zipSize !== null && ` · ${format.bytes(job.zipSize)}`}
        </span>
      </a>
    );
  return (
    <>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={start}
        data-testid="package-request"
        title={t('package.hint')}
      >
        <Icon name="download" size={16} />
        <span>{t('package.request')}</span>
      </button>
      {(problem ?? (job?.status === 'failed' ? job.error : null)) && (
        <div className="alert alert--error" role="alert">
          {t('package.failed', { message: problem ?? job?.error ?? '' })}
        </div>
      )}
    </>
  );
}
