/**
 * The grazing plan table editor: herder groups with livestock by species and their sheep units
 * (live, DOMAIN §5), assignments of groups to pasture units with dates, and per unit a capacity bar
 * recomputed as the tables change (the server's grazable forage, our demand) until a save brings the
 * server's numbers. Status badge, save (If-Match), submit and approve by role, reports and exports.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { User } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CapacityBar } from './CapacityBar.tsx';
import { ExportPicker } from './ExportPicker.tsx';
import { NO_LIVESTOCK, sheepUnits, SPECIES, type Livestock } from './livestock.ts';
import { movePlan, replacePlan, reportHref, type Plan } from './plans.api.ts';
import type { Unit } from './units.api.ts';
import { unitLoads, type DraftAssignment, type DraftGroup } from './utilisation.ts';

const WRITERS = new Set(['admin', 'land_officer', 'agronomist']);
const APPROVERS = new Set(['admin', 'land_officer']);

export interface PlanEditorProps {
  readonly plan: Plan;
  readonly units: readonly Unit[];
  readonly user: User;
  readonly onSaved: (plan: Plan) => void;
}

export function PlanEditor({ plan, units, user, onSaved }: PlanEditorProps): ReactNode {
  const { t, lang, formatNumber } = useI18n();
  const [groups, setGroups] = useState<DraftGroup[]>(
    plan.groups.map((g) => ({ name: g.name, livestock: g.livestock })),
  );
  const [assignments, setAssignments] = useState<DraftAssignment[]>([...plan.assignments]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const grazable = useMemo(() => new Map(plan.units.map((u) => [u.id, u.grazableKg])), [plan.units]);
  const loads = useMemo(() => unitLoads(groups, assignments, grazable), [groups, assignments, grazable]);
  const soumUnits = units.filter((u) => u.properties.soum === plan.soum.code && !u.properties.deleted_at);
  const nameOf = (id: string): string => units.find((u) => u.id === id)?.properties.name ?? id.slice(0, 8);
  const readOnly = plan.status === 'approved' || !WRITERS.has(user.role);

  const act = async (work: () => Promise<Plan>): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      onSaved(await work());
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const save = (): Promise<void> =>
    act(() =>
      replacePlan(plan, {
        name: plan.name,
        soumCode: plan.soum.code,
        season: plan.season,
        year: plan.year,
        startDate: plan.startDate,
        endDate: plan.endDate,
        groups,
        assignments,
      }),
    );
  const setGroup = (i: number, g: DraftGroup): void => {
    const old = groups[i]?.name;
    setGroups(groups.map((x, j) => (j === i ? g : x)));
    if (old !== undefined && old !== g.name)
      setAssignments(assignments.map((a) => (a.group === old ? { ...a, group: g.name } : a)));
  };
  const setCount = (i: number, g: DraftGroup, species: keyof Livestock, value: string): void =>
    setGroup(i, {
      ...g,
      livestock: { ...g.livestock, [species]: Math.max(0, Math.floor(Number(value) || 0)) },
    });

  return (
    <section className="plan-editor" data-testid="plan-editor">
      <header className="plan-editor__head">
        <h2>{plan.name}</h2>
        <span className={`status-badge status-badge--${plan.status}`} data-testid="plan-status">
          {t(`plans.status.${plan.status}`)}
        </span>
        <span className="planning-muted">
          {plan.startDate} – {plan.endDate} ({plan.days} {t('plans.days')})
        </span>
      </header>
      <h3>{t('plans.groups')}</h3>
      <table className="planning-table" data-testid="plan-groups">
        <thead>
          <tr>
            <th>{t('plans.group')}</th>
            {SPECIES.map((s) => (
              <th key={s}>{t(`plans.species.${s}`)}</th>
            ))}
            <th>{t('plans.su')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g, i) => (
            <tr key={i}>
              <td>
                <input
                  className="input"
                  value={g.name}
                  disabled={readOnly}
                  data-testid="group-name"
                  onChange={(e) => setGroup(i, { ...g, name: e.target.value })}
                />
              </td>
              {SPECIES.map((s) => (
                <td key={s}>
                  <input
                    className="input input--count"
                    type="number"
                    min={0}
                    value={g.livestock[s]}
                    disabled={readOnly}
                    data-testid={`group-${s}`}
                    onChange={(e) => setCount(i, g, s, e.target.value)}
                  />
                </td>
              ))}
              <td data-testid="group-su">{formatNumber(sheepUnits(g.livestock), 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!readOnly && (
        <button
          type="button"
          className="button"
          data-testid="group-add"
          onClick={() =>
            setGroups([
              ...groups,
              { name: `${t('plans.group')} ${groups.length + 1}`, livestock: NO_LIVESTOCK },
            ])
          }
        >
          + {t('plans.addGroup')}
        </button>
      )}
      <h3>{t('plans.assignments')}</h3>
      <table className="planning-table" data-testid="plan-assignments">
        <thead>
          <tr>
            <th>{t('plans.group')}</th>
            <th>{t('plans.unit')}</th>
            <th>{t('plans.from')}</th>
            <th>{t('plans.to')}</th>
          </tr>
        </thead>
        <tbody>
          {assignments.map((a, i) => {
            const set = (change: Partial<DraftAssignment>): void =>
              setAssignments(assignments.map((x, j) => (j === i ? { ...x, ...change } : x)));
            return (
              <tr key={i}>
                <td>
                  <select
                    className="select"
                    value={a.group}
                    disabled={readOnly}
                    onChange={(e) => set({ group: e.target.value })}
                  >
                    {groups.map((g) => (
                      <option key={g.name}>{g.name}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    className="select"
                    value={a.unitId}
                    disabled={readOnly}
                    data-testid="assignment-unit"
                    onChange={(e) => set({ unitId: e.target.value })}
                  >
                    {soumUnits.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.properties.name}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    className="input"
                    type="date"
                    value={a.startDate}
                    disabled={readOnly}
                    onChange={(e) => set({ startDate: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    className="input"
                    type="date"
                    value={a.endDate}
                    disabled={readOnly}
                    onChange={(e) => set({ endDate: e.target.value })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!readOnly && groups[0] && soumUnits[0] && (
        <button
          type="button"
          className="button"
          data-testid="assignment-add"
          onClick={() =>
            setAssignments([
              ...assignments,
              {
                group: groups[0]?.name ?? '',
                unitId: soumUnits[0]?.id ?? '',
                startDate: plan.startDate,
                endDate: plan.endDate,
              },
            ])
          }
        >
          + {t('plans.addAssignment')}
        </button>
      )}
      {!readOnly && soumUnits.length === 0 && <p className="planning-muted">{t('plans.noUnits')}</p>}
      <h3>{t('plans.capacity')}</h3>
      <div className="capacity-list" data-testid="capacity-list">
        {loads.map((l) => (
          <CapacityBar key={l.unitId} name={nameOf(l.unitId)} load={l} />
        ))}
      </div>
      {message && (
        <p className="planning-error" role="alert">
          {message}
        </p>
      )}
      <div className="planning-actions">
        {!readOnly && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            data-testid="plan-save"
            onClick={() => void save()}
          >
            {t('units.save')}
          </button>
        )}
        {!readOnly && plan.status === 'draft' && (
          <button
            type="button"
            className="button"
            disabled={busy}
            data-testid="plan-submit"
            onClick={() => void act(() => movePlan(plan, 'submit'))}
          >
            {t('plans.submit')}
          </button>
        )}
        {plan.status === 'submitted' && APPROVERS.has(user.role) && (
          <button
            type="button"
            className="button"
            disabled={busy}
            data-testid="plan-approve"
            onClick={() => void act(() => movePlan(plan, 'approve'))}
          >
            {t('plans.approve')}
          </button>
        )}
        {(['pdf', 'csv'] as const).map((f) => (
          <a
            key={f}
            className="button"
            href={reportHref(plan, f, lang)}
            target="_blank"
            rel="noreferrer"
            data-testid={`plan-report-${f}`}
          >
            {f.toUpperCase()}
          </a>
        ))}
        <ExportPicker layer="pasture-units" soum={plan.soum.code} />
      </div>
    </section>
  );
}
