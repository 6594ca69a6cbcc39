/**
 * The edit history of one pasture unit as a timeline, newest first: who, when, what was done, the
 * attributes that changed (old → new) and, when the geometry changed, before and after drawn small.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFormat } from '../i18n/useFormat.ts';
import { GeometryThumb, isAreal } from './GeometryThumb.tsx';
import { fieldLabel, fieldValue } from './unit.fields.ts';
import { unitHistory, type HistoryEntry } from './units.api.ts';

const HIDDEN = new Set(['geometry', 'version', 'updated_at', 'created_at', 'area_ha']);

function changes(entry: HistoryEntry): Array<[string, unknown, unknown]> {
  const keys = new Set([...Object.keys(entry.old_values ?? {}), ...Object.keys(entry.new_values ?? {})]);
  return [...keys]
    .filter((k) => !HIDDEN.has(k))
    .map((k): [string, unknown, unknown] => [k, entry.old_values?.[k], entry.new_values?.[k]])
    .filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b));
}

export function UnitHistory({ unitId, version }: { unitId: string; version: number }): ReactNode {
  const { t } = useI18n();
  const format = useFormat();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let gone = false;
    unitHistory(unitId).then(
      (h) => !gone && setEntries(h),
      (err: unknown) => !gone && setFailed(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      gone = true;
    };
  }, [unitId, version]);
  if (failed) return <p className="planning-error">{failed}</p>;
  if (!entries) return <p className="planning-muted">{t('app.loading')}</p>;
  return (
    <ol className="history" data-testid="unit-history">
      {[...entries].reverse().map((e) => {
        const before = isAreal(e.old_values?.geometry) ? e.old_values.geometry : null;
        const after = isAreal(e.new_values?.geometry) ? e.new_values.geometry : null;
        return (
          <li key={e.version} className="history__entry" data-testid="history-entry">
            <div className="history__head">
              <span className={`history__action history__action--${e.action}`}>
                {t(`history.${e.action}`)}
              </span>
              <span>{e.user?.name ?? t('history.system')}</span>
              <time dateTime={e.at}>{format.dateTime(e.at)}</time>
              <span className="planning-muted">v{e.version}</span>
            </div>
            <div className="history__body">
              {(before || after) && (
                <GeometryThumb before={e.action === 'create' ? null : before} after={after} />
              )}
              <dl className="history__changes">
                {changes(e).map(([k, a, b]) => (
                  <div key={k}>
                    <dt>{fieldLabel(t, k)}</dt>
                    <dd>
                      {e.action !== 'create' && <s>{fieldValue(t, k, a)}</s>} {fieldValue(t, k, b)}
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
