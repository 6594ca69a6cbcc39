/**
 * What a 412 shows: someone else changed this unit since it was opened. Their version is shown next
 * to the change being saved; reload takes theirs, overwrite saves ours over it.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { fieldLabel, fieldValue } from './unit.fields.ts';
import type { Unit, UnitAttributes } from './units.api.ts';

const FIELDS = ['name', 'season', 'use', 'notes', 'reference_biomass_kg_ha'] as const;

export interface ConflictDialogProps {
  readonly theirs: Unit;
  readonly mine: UnitAttributes;
  readonly onReload: () => void;
  readonly onOverwrite: () => void;
}

export function ConflictDialog({ theirs, mine, onReload, onOverwrite }: ConflictDialogProps): ReactNode {
  const { t } = useI18n();
  return (
    <div className="planning-dialog" role="alertdialog" aria-modal="true" data-testid="unit-conflict">
      <div className="planning-dialog__card">
        <h2>{t('units.conflict.title')}</h2>
        <p>{t('units.conflict.body', { version: theirs.properties.version })}</p>
        <table className="planning-table">
          <thead>
            <tr>
              <th />
              <th>{t('units.conflict.theirs')}</th>
              <th>{t('units.conflict.mine')}</th>
            </tr>
          </thead>
          <tbody>
            {FIELDS.map((f) => (
              <tr
                key={f}
                className={String(theirs.properties[f]) !== String(mine[f]) ? 'planning-table__diff' : ''}
              >
                <th>{fieldLabel(t, f)}</th>
                <td>{fieldValue(t, f, theirs.properties[f])}</td>
                <td>{fieldValue(t, f, mine[f])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="planning-dialog__actions">
          <button type="button" className="button" onClick={onReload} data-testid="conflict-reload">
            {t('units.conflict.reload')}
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={onOverwrite}
            data-testid="conflict-overwrite"
          >
            {t('units.conflict.overwrite')}
          </button>
        </div>
      </div>
    </div>
  );
}
