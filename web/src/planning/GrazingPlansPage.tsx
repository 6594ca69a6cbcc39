/**
 * The grazing plans page (SPEC §2.4): the plans by soum, season and year with their status, a form
 * for a new one (soum, season, year; dates default to the season's on the server), and the table
 * editor of the plan chosen.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import './planning.css';
import type { User } from '../api/types.ts';
import { ChoiceField } from '../components/ChoiceField.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { SoumPicker } from '../surveys/SoumPicker.tsx';
import { useSoums } from '../surveys/useSoums.ts';
import { PlanEditor } from './PlanEditor.tsx';
import {
  createPlan,
  getPlan,
  listPlans,
  PLAN_SEASONS,
  type Plan,
  type PlanSeason,
  type PlanSummary,
} from './plans.api.ts';
import { useUnits } from './useUnits.ts';

export function GrazingPlansPage({ user }: { user: User }): ReactNode {
  const { t } = useI18n();
  const { directory, loading } = useSoums();
  const { units } = useUnits(false);
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [soum, setSoum] = useState<string | null>(null);
  const [season, setSeason] = useState<PlanSeason>('summer');
  const [year, setYear] = useState(new Date().getFullYear());
  const [message, setMessage] = useState<string | null>(null);
  const reload = useCallback(() => listPlans().then(setPlans, (err: Error) => setMessage(err.message)), []);
  useEffect(() => void reload(), [reload]);

  const fail = (err: unknown): void => setMessage(err instanceof Error ? err.message : String(err));
  const create = (): void => {
    if (!soum) return;
    createPlan({ soumCode: soum, season, year, groups: [], assignments: [] }).then((p) => {
      setPlan(p);
      void reload();
    }, fail);
  };
  const saved = (p: Plan): void => {
    setPlan(p);
    void reload();
  };

  return (
    <main className="plans-page" data-testid="plans-page">
      <aside className="planning-side">
        <section className="planning-card">
          <h2>{t('plans.new')}</h2>
          <SoumPicker directory={directory} loading={loading} value={soum} onChange={setSoum} />
          <div className="unit-form__row">
            <ChoiceField
              label={t('units.season')}
              value={season}
              options={PLAN_SEASONS}
              optionLabel={(s) => t(`units.season.${s}`)}
              onChange={setSeason}
              testId="plan-season"
            />
            <label className="field">
              <span className="field__label">{t('plans.year')}</span>
              <input
                className="input"
                type="number"
                value={year}
                onChange={(e) => setYear(Number(e.target.value))}
              />
            </label>
          </div>
          <button
            type="button"
            className="button button--primary"
            disabled={!soum}
            data-testid="plan-create"
            onClick={create}
          >
            {t('plans.create')}
          </button>
        </section>
        {message && <p className="planning-error">{message}</p>}
        <ul className="planning-list" data-testid="plan-list">
          {(plans ?? []).map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className={`planning-list__item ${plan?.id === p.id ? 'is-active' : ''}`}
                onClick={() => getPlan(p.id).then(setPlan, fail)}
              >
                <span>{p.name}</span>
                <span className="planning-muted">
                  {directory.label(p.soum.code)} · {t(`units.season.${p.season}`)} {p.year} ·{' '}
                  <span className={`status-badge status-badge--${p.status}`}>
                    {t(`plans.status.${p.status}`)}
                  </span>
                </span>
              </button>
            </li>
          ))}
          {plans?.length === 0 && <li className="planning-muted">{t('plans.empty')}</li>}
        </ul>
      </aside>
      <div className="plans-page__main">
        {plan ? (
          <PlanEditor
            key={`${plan.id}-${plan.version}`}
            plan={plan}
            units={units ?? []}
            user={user}
            onSaved={saved}
          />
        ) : (
          <p className="planning-muted">{t('plans.pick')}</p>
        )}
      </div>
    </main>
  );
}
