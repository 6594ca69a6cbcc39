/**
 * The "new survey" form: name, flight date, kind (RGB or multispectral, as two cards), the band
 * order for multispectral (a camera preset by default), and the soum → POST /api/surveys. The
 * server's message is shown when it refuses.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, NetworkError } from '../api/client.ts';
import { createSurvey } from '../api/surveys.ts';
import type { BandName, Survey, SurveyKind } from '../api/survey.types.ts';
import { Icon } from '../components/Icon.tsx';
import { Spinner } from '../components/Spinner.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { BandOrderField } from './BandOrderField.tsx';
import { DEFAULT_PRESET } from './band.presets.ts';
import { SoumPicker } from './SoumPicker.tsx';
import type { SoumDirectory } from './useSoums.ts';

export interface NewSurveyFormProps {
  readonly directory: SoumDirectory;
  readonly soumsLoading: boolean;
  readonly onCreated: (survey: Survey) => void;
  readonly onCancel: () => void;
}

/** Today as YYYY-MM-DD in the local time zone (the day of a flight is a local day). */
export function today(now = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function KindCard({
  kind,
  checked,
  onChoose,
}: {
  kind: SurveyKind;
  checked: boolean;
  onChoose: () => void;
}): ReactNode {
  const { t } = useI18n();
  return (
    <label className={`kind-card ${checked ? 'kind-card--checked' : ''}`} data-testid={`survey-kind-${kind}`}>
      <input type="radio" name="kind" value={kind} checked={checked} onChange={onChoose} />
      <span className={`kind-card__swatch kind-card__swatch--${kind}`} aria-hidden="true" />
      <span className="kind-card__text">
        <strong>{t(kind === 'rgb' ? 'kind.rgb' : 'kind.multispectral')}</strong>
        <span className="muted">{t(kind === 'rgb' ? 'kind.rgb.hint' : 'kind.multispectral.hint')}</span>
      </span>
    </label>
  );
}

export function NewSurveyForm({
  directory,
  soumsLoading,
  onCreated,
  onCancel,
}: NewSurveyFormProps): ReactNode {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [date, setDate] = useState(today);
  const [kind, setKind] = useState<SurveyKind>('rgb');
  const [bands, setBands] = useState<readonly BandName[]>(DEFAULT_PRESET.bands);
  const [soum, setSoum] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setProblem(null);
    try {
      const survey = await createSurvey({
        name: name.trim(),
        date,
        kind,
        ...(kind === 'multispectral' ? { bands } : {}),
        ...(soum ? { soum } : {}),
      });
      onCreated(survey);
    } catch (err) {
      setProblem(
        err instanceof ApiError
          ? err.message
          : err instanceof NetworkError
            ? t('app.unreachable.title')
            : String(err),
      );
      setSaving(false);
    }
  }

  return (
    <form className="card new-survey" onSubmit={(e) => void submit(e)} data-testid="survey-form">
      <div className="new-survey__head">
        <h2>
          <Icon name="plus" /> {t('surveys.new')}
        </h2>
        <button
          type="button"
          className="icon-button"
          onClick={onCancel}
          title={t('common.close')}
          aria-label={t('common.close')}
        >
          <Icon name="x" />
        </button>
      </div>
      <div className="new-survey__grid">
        <label className="field new-survey__name">
          <span className="field__label">{t('survey.name')}</span>
          <input
            type="text"
            required
            maxLength={200}
            value={name}
            placeholder={t('survey.namePlaceholder')}
            onChange={(e) => setName(e.target.value)}
            disabled={saving}
            data-testid="survey-name"
            autoFocus
          />
        </label>
        <label className="field">
          <span className="field__label">{t('survey.date')}</span>
          <input
            type="date"
            required
            value={date}
            max={today()}
            onChange={(e) => setDate(e.target.value)}
            disabled={saving}
            data-testid="survey-date"
          />
        </label>
      </div>
      <fieldset className="field" disabled={saving}>
        <legend className="field__label">{t('survey.kind')}</legend>
        <div className="kind-cards">
          <KindCard kind="rgb" checked={kind === 'rgb'} onChoose={() => setKind('rgb')} />
          <KindCard
            kind="multispectral"
            checked={kind === 'multispectral'}
            onChoose={() => setKind('multispectral')}
          />
        </div>
      </fieldset>
      {kind === 'multispectral' ? (
        <BandOrderField bands={bands} onChange={setBands} disabled={saving} />
      ) : (
        <p className="muted new-survey__note">
          <Icon name="info" size={16} /> {t('survey.rgbBandsNote')}
        </p>
      )}
      <SoumPicker
        directory={directory}
        loading={soumsLoading}
        value={soum}
        onChange={setSoum}
        disabled={saving}
      />
      {problem && (
        <div className="alert alert--error" role="alert" data-testid="survey-form-error">
          {t('surveys.createFailed', { message: problem })}
        </div>
      )}
      <div className="new-survey__actions">
        <button type="button" className="button button--secondary" onClick={onCancel} disabled={saving}>
          {t('common.cancel')}
        </button>
        <button
          type="submit"
          className="button button--primary"
          disabled={saving || name.trim() === '' || date === ''}
          data-testid="survey-submit"
        >
          {saving ? <Spinner size={16} /> : <Icon name="check" />}
          {t('surveys.create')}
        </button>
      </div>
    </form>
  );
}
