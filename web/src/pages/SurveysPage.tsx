/**
 * The surveys page (SPEC §2.6): the organisation's surveys, newest flight first, each with its
 * status, upload and actions; a "new survey" form that opens above the list; an empty state that
 * invites the first survey. A survey just created is scrolled to and highlighted, ready for its file.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { Survey } from '../api/survey.types.ts';
import type { User } from '../api/types.ts';
import { Icon } from '../components/Icon.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { EmptyState } from '../surveys/EmptyState.tsx';
import { NewSurveyForm } from '../surveys/NewSurveyForm.tsx';
import { StatusSummary } from '../surveys/StatusSummary.tsx';
import { SurveyCard } from '../surveys/SurveyCard.tsx';
import { useSurveys } from '../surveys/SurveysProvider.tsx';
import { useSoums } from '../surveys/useSoums.ts';
import { useInterruptedUploads } from '../upload/useInterruptedUploads.ts';

export function SurveysPage({ user }: { user: User }): ReactNode {
  const { t } = useI18n();
  const { state, reload, upsert, remove } = useSurveys();
  const { directory, loading: soumsLoading } = useSoums();
  const interrupted = useInterruptedUploads(user.id);
  const [formOpen, setFormOpen] = useState(false);
  const [highlight, setHighlight] = useState<string | null>(null);

  useEffect(() => {
    if (!highlight) return;
    document.getElementById(`survey-${highlight}`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [highlight]);

  const created = (survey: Survey): void => {
    upsert(survey);
    setFormOpen(false);
    setHighlight(survey.id);
  };
  const surveys = state.status === 'ready' ? state.surveys : null;

  return (
    <main className="surveys-page" data-testid="surveys-page">
      <div className="surveys-page__inner">
        <div className="surveys-page__head">
          <div>
            <h1>{t('surveys.title')}</h1>
            <p className="muted">
              {user.organisation.name}
              {surveys && surveys.length > 0 && <> · {t('surveys.count', { n: surveys.length })}</>}
            </p>
          </div>
          {!formOpen && (
            <button
              type="button"
              className="button button--primary"
              onClick={() => setFormOpen(true)}
              data-testid="new-survey"
            >
              <Icon name="plus" /> {t('surveys.new')}
            </button>
          )}
        </div>
        {surveys && surveys.length > 0 && <StatusSummary surveys={surveys} />}
        {formOpen && (
          <NewSurveyForm
            directory={directory}
            soumsLoading={soumsLoading}
            onCreated={created}
            onCancel={() => setFormOpen(false)}
          />
        )}
        {state.status === 'loading' && (
          <div className="surveys-page__status" role="status">
            <Spinner /> {t('surveys.loading')}
          </div>
        )}
        {state.status === 'error' && (
          <div className="alert alert--error surveys-page__error" role="alert" data-testid="surveys-error">
            <span>
              {t('surveys.loadFailed')}{' '}
              {state.httpStatus
                ? t('app.serverError', { status: state.httpStatus })
                : t('app.unreachable.body')}
            </span>
            <button type="button" className="button button--primary button--small" onClick={reload}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {surveys && surveys.length === 0 && !formOpen && <EmptyState onCreate={() => setFormOpen(true)} />}
        {surveys && surveys.length > 0 && (
          <ol className="survey-list" data-testid="survey-list">
            {surveys.map((s) => (
              <SurveyCard
                key={s.id}
                survey={s}
                soumLabel={s.soum ? directory.label(s.soum) : null}
                interrupted={s.status === 'uploading' ? interrupted.get(s.id) : undefined}
                highlighted={s.id === highlight}
                onDelete={remove}
              />
            ))}
          </ol>
        )}
      </div>
    </main>
  );
}
