/**
 * The pasture units page (SPEC §2.4, §2.6): the units on a map coloured by season or use with a
 * legend and a list; select one to edit its attributes or move its vertices, draw a new one (area live),
 * draw a line across one to split it, shift-click a neighbour and merge the two, delete and restore,
 * its history, and the import dialog. Every write sends If-Match; a 412 opens the conflict dialog and
 * a refused geometry puts a marker where the server found the problem.
 */
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import './planning.css';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { LngLatBoundsLike } from 'maplibre-gl';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useSoums } from '../surveys/useSoums.ts';
import { ConflictDialog } from './ConflictDialog.tsx';
import { ExportPicker } from './ExportPicker.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { legendEntries, type ColourBy } from './unit.colours.ts';
import { writeFailure } from './unit.errors.ts';
import { areaHa, mergeUnits, splitUnit } from './unit.geometry.ts';
import { UnitForm } from './UnitForm.tsx';
import { UnitHistory } from './UnitHistory.tsx';
import { boundsOf, UnitsMap, type Tool } from './UnitsMap.tsx';
import { soumAt } from './soum.at.ts';
import {
  createUnit,
  deleteUnit,
  getUnit,
  patchUnit,
  restoreUnit,
  type Unit,
  type UnitAttributes,
} from './units.api.ts';
import { useUnits } from './useUnits.ts';

interface Draft {
  readonly base: Unit | null;
  readonly attrs: UnitAttributes;
  readonly geometry: Polygon | MultiPolygon | null;
}

const NEW_UNIT: UnitAttributes = {
  name: '',
  soum: '',
  season: 'summer',
  use: 'pasture',
  notes: null,
  reference_biomass_kg_ha: null,
};

const attributesOf = (u: Unit): UnitAttributes => ({
  name: u.properties.name,
  soum: u.properties.soum,
  season: u.properties.season,
  use: u.properties.use,
  notes: u.properties.notes,
  reference_biomass_kg_ha: u.properties.reference_biomass_kg_ha,
});

export function PastureUnitsPage(): ReactNode {
  const { t, formatNumber } = useI18n();
  const [showDeleted, setShowDeleted] = useState(false);
  const { units, error, reload } = useUnits(showDeleted);
  const { directory } = useSoums();
  const [colourBy, setColourBy] = useState<ColourBy>('season');
  const [selected, setSelected] = useState<string[]>([]);
  const [tool, setTool] = useState<Tool>('none');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [liveArea, setLiveArea] = useState<number | null>(null);
  const [marker, setMarker] = useState<Position | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Unit | null>(null);
  const [panel, setPanel] = useState<'edit' | 'history'>('edit');
  const [importing, setImporting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [fit, setFit] = useState<{ bounds: LngLatBoundsLike; n: number } | null>(null);
  const byId = useMemo(() => new Map((units ?? []).map((u) => [u.id, u])), [units]);
  const current = draft?.base ? (byId.get(draft.base.id) ?? draft.base) : null;

  const open = useCallback((u: Unit) => {
    setSelected([u.id]);
    setDraft({ base: u, attrs: attributesOf(u), geometry: null });
    setTool('none');
    setMarker(null);
    setMessage(null);
  }, []);

  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
      setMarker(null);
    } catch (err) {
      const failure = writeFailure(err);
      if (failure.kind === 'stale' && draft?.base) setConflict(await getUnit(draft.base.id));
      else if (failure.kind === 'invalid') {
        setMessage(failure.message);
        setMarker(failure.location);
      } else setMessage(failure.kind === 'stale' ? t('units.conflict.title') : failure.message);
    } finally {
      setBusy(false);
    }
  };

  const saved = async (u: Unit): Promise<void> => {
    await reload();
    open(u);
  };

  const save = (base: Unit | null = draft?.base ?? null): Promise<void> =>
    run(async () => {
      if (!draft) return;
      if (!base) {
        if (!draft.geometry) return;
        await saved(await createUnit(draft.attrs, draft.geometry));
      } else {
        await saved(
          await patchUnit(base, {
            properties: draft.attrs,
            ...(draft.geometry ? { geometry: draft.geometry } : {}),
          }),
        );
      }
    });

  const onPick = useCallback(
    (id: string | null, add: boolean) => {
      const u = id ? byId.get(id) : undefined;
      if (!u) return void setSelected([]);
      if (add && selected.length === 1 && selected[0] !== id) setSelected([selected[0] ?? '', u.id]);
      else open(u);
    },
    [byId, open, selected],
  );

  const onEdited = (geometry: Polygon | MultiPolygon): void => setDraft((d) => (d ? { ...d, geometry } : d));

  const onPolygon = (geometry: Polygon): void => {
    setTool('none');
    setSelected([]);
    setDraft({ base: null, attrs: { ...NEW_UNIT }, geometry });
    soumAt(geometry).then(
      (soum) => setDraft((d) => (d && !d.base ? { ...d, attrs: { ...d.attrs, soum: soum ?? '' } } : d)),
      () => undefined,
    );
  };

  const onLine = (line: Position[]): void => {
    const base = current;
    setTool('none');
    if (!base) return;
    void run(async () => {
      const [a, b] = splitUnit(base.geometry, line);
      const kept = await patchUnit(base, { geometry: a });
      await createUnit({ ...attributesOf(base), name: `${base.properties.name} (2)` }, b);
      await saved(kept);
    });
  };

  const merge = (): Promise<void> =>
    run(async () => {
      const [a, b] = selected.map((id) => byId.get(id));
      if (!a || !b) return;
      const merged = await patchUnit(a, { geometry: mergeUnits(a.geometry, b.geometry) });
      await deleteUnit(b);
      await saved(merged);
    });

  const soumLabel = draft?.attrs.soum ? directory.label(draft.attrs.soum) : t('units.noSoum');
  return (
    <main className="planning-page" data-testid="units-page">
      <UnitsMap
        units={units ?? []}
        colourBy={colourBy}
        selected={selected}
        tool={tool}
        editing={tool === 'edit' ? (current?.geometry ?? null) : null}
        draft={tool === 'edit' ? null : (draft?.geometry ?? null)}
        marker={marker}
        fit={fit}
        onPick={onPick}
        onPolygon={onPolygon}
        onEdited={onEdited}
        onLine={onLine}
        onLiveArea={setLiveArea}
      />
      <aside className="planning-side">
        <div className="planning-toolbar">
          <button
            type="button"
            className={`button ${tool === 'draw' ? 'button--primary' : ''}`}
            data-testid="unit-draw"
            onClick={() => setTool(tool === 'draw' ? 'none' : 'draw')}
          >
            {t('units.draw')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="unit-import"
            onClick={() => setImporting(true)}
          >
            {t('units.import')}
          </button>
          <ExportPicker layer="pasture-units" />
        </div>
        {tool !== 'none' && (
          <p className="planning-hint" data-testid="draw-hint">
            {t(`units.hint.${tool}`)}
            {liveArea !== null && (
              <strong data-testid="live-area">
                {' '}
                {formatNumber(liveArea, 2)} {t('units.ha')}
              </strong>
            )}
          </p>
        )}
        {message && (
          <p className="planning-error" role="alert" data-testid="unit-error">
            {message}
          </p>
        )}
        {error && <p className="planning-error">{error}</p>}
        {selected.length === 2 && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            data-testid="unit-merge"
            onClick={() => void merge()}
          >
            {t('units.merge', { n: 2 })}
          </button>
        )}
        {draft && selected.length < 2 && (
          <section className="planning-card" data-testid="unit-panel">
            {current && (
              <div className="planning-tabs">
                <button
                  type="button"
                  className={panel === 'edit' ? 'is-active' : ''}
                  onClick={() => setPanel('edit')}
                >
                  {t('units.tab.edit')}
                </button>
                <button
                  type="button"
                  className={panel === 'history' ? 'is-active' : ''}
                  data-testid="unit-history-tab"
                  onClick={() => setPanel('history')}
                >
                  {t('units.tab.history')}
                </button>
              </div>
            )}
            {panel === 'history' && current ? (
              <UnitHistory unitId={current.id} version={current.properties.version} />
            ) : (
              <>
                <UnitForm
                  value={draft.attrs}
                  areaHa={draft.geometry ? areaHa(draft.geometry) : (current?.properties.area_ha ?? null)}
                  soumLabel={soumLabel}
                  disabled={busy || !!current?.properties.deleted_at}
                  onChange={(attrs) => setDraft({ ...draft, attrs })}
                />
                <div className="planning-actions">
                  <button
                    type="button"
                    className="button button--primary"
                    disabled={busy || !draft.attrs.name.trim() || !draft.attrs.soum}
                    data-testid="unit-save"
                    onClick={() => void save()}
                  >
                    {draft.base ? t('units.save') : t('units.create')}
                  </button>
                  {current && !current.properties.deleted_at && (
                    <>
                      <button
                        type="button"
                        className="button"
                        data-testid="unit-edit-shape"
                        onClick={() => setTool(tool === 'edit' ? 'none' : 'edit')}
                      >
                        {t('units.editShape')}
                      </button>
                      <button
                        type="button"
                        className="button"
                        data-testid="unit-split"
                        onClick={() => setTool(tool === 'split' ? 'none' : 'split')}
                      >
                        {t('units.split')}
                      </button>
                      <button
                        type="button"
                        className="button button--danger"
                        data-testid="unit-delete"
                        onClick={() =>
                          void run(async () => {
                            await deleteUnit(current);
                            setDraft(null);
                            setSelected([]);
                            await reload();
                          })
                        }
                      >
                        {t('units.delete')}
                      </button>
                    </>
                  )}
                  {current?.properties.deleted_at && (
                    <button
                      type="button"
                      className="button"
                      onClick={() => void run(async () => saved(await restoreUnit(current)))}
                    >
                      {t('units.restore')}
                    </button>
                  )}
                </div>
              </>
            )}
          </section>
        )}
        <div className="planning-legend">
          <div className="planning-tabs">
            {(['season', 'use'] as const).map((by) => (
              <button
                key={by}
                type="button"
                className={colourBy === by ? 'is-active' : ''}
                onClick={() => setColourBy(by)}
              >
                {t(`units.${by}`)}
              </button>
            ))}
          </div>
          {legendEntries(colourBy).map(([key, colour]) => (
            <span key={key} className="planning-legend__item">
              <i style={{ background: colour }} /> {t(`units.${colourBy}.${key}` as 'units.season.winter')}
            </span>
          ))}
        </div>
        <label className="planning-check">
          <input type="checkbox" checked={showDeleted} onChange={(e) => setShowDeleted(e.target.checked)} />
          {t('units.showDeleted')}
        </label>
        <ul className="planning-list" data-testid="unit-list">
          {(units ?? []).map((u) => (
            <li key={u.id}>
              <button
                type="button"
                data-testid="unit-list-item"
                className={`planning-list__item ${selected.includes(u.id) ? 'is-active' : ''} ${u.properties.deleted_at ? 'is-deleted' : ''}`}
                onClick={(e) => {
                  onPick(u.id, e.shiftKey);
                  setFit((f) => ({ bounds: boundsOf(u.geometry), n: (f?.n ?? 0) + 1 }));
                }}
              >
                <span>{u.properties.name}</span>
                <span className="planning-muted">
                  {formatNumber(u.properties.area_ha, 1)} {t('units.ha')} ·{' '}
                  {t(`units.season.${u.properties.season}`)}
                </span>
              </button>
            </li>
          ))}
          {units?.length === 0 && <li className="planning-muted">{t('units.empty')}</li>}
        </ul>
      </aside>
      {conflict && draft && (
        <ConflictDialog
          theirs={conflict}
          mine={draft.attrs}
          onReload={() => {
            setConflict(null);
            open(conflict);
            void reload();
          }}
          onOverwrite={() => {
            setConflict(null);
            void save(conflict);
          }}
        />
      )}
      {importing && (
        <ImportDialog
          directory={directory}
          onLocate={(at) => setMarker(at)}
          onClose={(imported) => {
            setImporting(false);
            setMarker(null);
            if (imported) void reload();
          }}
        />
      )}
    </main>
  );
}
