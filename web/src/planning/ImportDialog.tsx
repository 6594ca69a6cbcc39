/**
 * Import pasture units from a file (GeoJSON, zipped Shapefile, KML/KMZ, GeoPackage, CSV): the soum,
 * which attributes hold the name, season and use, then a dry run whose report lists every feature as
 * ok or refused with the reason (a click on a refusal with a location shows it on the map); "Import N
 * units" only when all are ok. Speaks `POST /api/pasture-units/import?dry_run=` (SPEC §3). It sits at
 * the side, not over the map, so the place of a refusal can be seen.
 */
import { useState, type ReactNode } from 'react';
import type { Position } from 'geojson';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { isMessageKey } from '../i18n/i18n.ts';
import { SoumPicker } from '../surveys/SoumPicker.tsx';
import type { SoumDirectory } from '../surveys/useSoums.ts';
import { importUnits, SEASONS, USES, type ImportOptions, type ImportReport } from './units.api.ts';

const ACCEPT = '.geojson,.json,.zip,.kml,.kmz,.gpkg,.csv';
const MAPPED = ['name', 'season', 'use'] as const;

export interface ImportDialogProps {
  readonly directory: SoumDirectory;
  readonly onLocate: (at: Position) => void;
  readonly onClose: (imported: boolean) => void;
}

/** A refusal in the person's language when its code is known, the server's detail after it. */
function ProblemText({ code, message }: { code: string; message: string }): ReactNode {
  const { t } = useI18n();
  const key = `import.problem.${code}`;
  return (
    <>
      {isMessageKey(key) && <strong>{t(key)}: </strong>}
      <span className="import-problem__detail">{message}</span>
    </>
  );
}

export function ImportDialog({ directory, onLocate, onClose }: ImportDialogProps): ReactNode {
  const { t, formatNumber } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [soum, setSoum] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ImportOptions['mapping']>({});
  const [defaults, setDefaults] = useState<ImportOptions['defaults']>({ use: 'pasture' });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (dryRun: boolean): Promise<void> => {
    if (!file) return;
    setBusy(true);
    setFailure(null);
    try {
      const answer = await importUnits({ file, soum, dryRun, mapping, defaults });
      if (dryRun || answer.rejected > 0) setReport(answer);
      else onClose(true);
    } catch (err) {
      setReport(null);
      setFailure(
        err instanceof ApiError && err.status === 404
          ? t('import.unavailable')
          : err instanceof Error
            ? err.message
            : String(err),
      );
    } finally {
      setBusy(false);
    }
  };

  const allOk = report !== null && report.rejected === 0 && report.accepted > 0;
  return (
    <div className="planning-dialog planning-dialog--side" role="dialog" data-testid="import-dialog">
      <div className="planning-dialog__card planning-dialog__card--wide">
        <h2>{t('import.title')}</h2>
        <label className="field">
          <span className="field__label">{t('import.file')}</span>
          <input
            type="file"
            accept={ACCEPT}
            data-testid="import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
        </label>
        <SoumPicker directory={directory} loading={false} value={soum} onChange={setSoum} />
        <div className="unit-form__row">
          {(
            [
              ['season', SEASONS],
              ['use', USES],
            ] as const
          ).map(([key, values]) => (
            <label key={key} className="field">
              <span className="field__label">{t(`import.default.${key}`)}</span>
              <select
                className="select"
                value={defaults[key] ?? ''}
                data-testid={`import-default-${key}`}
                onChange={(e) => setDefaults({ ...defaults, [key]: e.target.value })}
              >
                <option value="">{t('import.fromFile')}</option>
                {values.map((v) => (
                  <option key={v} value={v}>
                    {t(`units.${key}.${v}` as 'units.season.winter')}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
        <details className="planning-mapping">
          <summary>{t('import.mapping')}</summary>
          {MAPPED.map((key) => (
            <label key={key} className="field">
              <span className="field__label">{t(`units.${key}`)}</span>
              <input
                className="input"
                placeholder={key}
                value={mapping[key] ?? ''}
                onChange={(e) => setMapping({ ...mapping, [key]: e.target.value })}
              />
            </label>
          ))}
        </details>
        {failure && (
          <p className="planning-error" role="alert">
            {failure}
          </p>
        )}
        {report && (
          <>
            <p data-testid="import-summary">
              {t('import.summary', {
                features: report.features,
                accepted: report.accepted,
                rejected: report.rejected,
              })}
              {report.crs ? ` · ${report.crs}` : ''}
            </p>
            <div className="planning-scroll">
              <table className="planning-table" data-testid="import-report">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>{t('import.col.name')}</th>
                    <th />
                    <th>{t('import.col.area')}</th>
                    <th>{t('import.col.problems')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.items.map((item) => (
                    <tr
                      key={item.index}
                      className={item.ok ? '' : 'planning-table__bad'}
                      data-testid="import-row"
                      data-ok={item.ok}
                    >
                      <td>{item.index + 1}</td>
                      <td>{item.name ?? '—'}</td>
                      <td title={item.ok ? t('import.ok') : t('import.refused')}>{item.ok ? '✓' : '✗'}</td>
                      <td>
                        {item.area_ha !== undefined
                          ? `${formatNumber(item.area_ha, 1)} ${t('units.ha')}`
                          : ''}
                      </td>
                      <td>
                        {item.errors.map((e, i) =>
                          e.location ? (
                            <button
                              key={i}
                              type="button"
                              className="link-button"
                              title={t('import.locate')}
                              data-testid="import-locate"
                              onClick={() => e.location && onLocate(e.location)}
                            >
                              <ProblemText code={e.code} message={e.message} />
                            </button>
                          ) : (
                            <span key={i} className="import-problem">
                              <ProblemText code={e.code} message={e.message} />
                            </span>
                          ),
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        <div className="planning-dialog__actions">
          <button type="button" className="button" onClick={() => onClose(false)}>
            {t('common.close')}
          </button>
          <button
            type="button"
            className="button"
            disabled={busy || !file}
            data-testid="import-check"
            onClick={() => void send(true)}
          >
            {t('import.check')}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={busy || !allOk}
            data-testid="import-go"
            onClick={() => void send(false)}
          >
            {t('import.go', { n: report?.accepted ?? 0 })}
          </button>
        </div>
      </div>
    </div>
  );
}
