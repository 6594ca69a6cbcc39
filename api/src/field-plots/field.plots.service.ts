/**
 * Field plots: list, read, create, replace, soft-delete, import (CSV or GeoJSON, all rows or none) and
 * a photo per plot. Readers see their organisations' plots; writes (land officers, agronomists, admins
 * — enforced by the routes) stay in the caller's own organisation and go to the audit log. A plot may
 * be attached to a survey the caller can read.
 * Reference: SPEC §3 `/api/field-plots`; issue 6 "Field plots".
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { ForbiddenError, NotFoundError, ValidationError } from '@belcheer/processing';
import type { Db, Queryable } from '../db/db.ts';
import { readableOrganisations, type Caller } from '../auth/caller.ts';
import { audit } from '../audit/audit.ts';
import type { Store } from '../storage/store.ts';
import type { SurveyService } from '../surveys/surveys.service.ts';
import * as repo from './field.plots.repository.ts';
import type { PlotFeature, PlotFeatureInput, PlotListQuery } from './field.plots.schemas.ts';
import { checkRow, checkRows, type ImportReport } from './plot.import.ts';
import { plotRowFromFeature } from './plot.geojson.ts';
import type { PlotRow } from './plot.rows.ts';
import type { ImportFormat } from '../imports/import.source.ts';
import type { PlotInput } from './plot.validate.ts';
import { formatOfKey, photoKey, photoPrefix, sniffPhoto } from './plot.photo.ts';
import { enqueueAnalysisOfSurveys } from '../analysis/analysis.queue.ts';

/** Today's date in Mongolia (UTC+8), YYYY-MM-DD: the latest date a plot may have. */
export function todayInMongolia(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ulaanbaatar' }).format(now);
}

/** One feature → a valid plot, or ValidationError listing its field errors. */
function plotOfFeature(feature: PlotFeatureInput): PlotInput {
  const check = checkRow(plotRowFromFeature(feature, 1), todayInMongolia());
  if (check.ok) return check.plot;
  const [first] = check.errors;
  throw new ValidationError(`${first!.field}: ${first!.message}`, check.errors);
}

export function createFieldPlotService(db: Db, store: Store, surveys: SurveyService) {
  /** The survey id if the caller's organisation owns it (404 when it cannot see it). */
  async function ownSurvey(caller: Caller, surveyId: string | null | undefined): Promise<string | null> {
    if (!surveyId) return null;
    const survey = await surveys.get(caller, surveyId);
    if (survey.organisation.id !== caller.organisationId)
      throw new ForbiddenError('plots are attached only to surveys of your own organisation');
    return surveyId;
  }

  /** The plot if the caller may change it (404 outside their organisations, 403 for another one's). */
  async function writable(q: Queryable, caller: Caller, id: string): Promise<repo.PlotRecord> {
    const record = await repo.getPlotRecord(q, readableOrganisations(caller), id, true);
    if (record.organisationId !== caller.organisationId)
      throw new ForbiddenError('only the owning organisation edits a field plot');
    return record;
  }

  const get = async (caller: Caller, id: string): Promise<PlotFeature> =>
    (await repo.getPlotRecord(db, readableOrganisations(caller), id)).feature;

  return {
    get,

    list: (caller: Caller, q: PlotListQuery) => repo.listPlots(db, readableOrganisations(caller), q),

    async create(caller: Caller, feature: PlotFeatureInput): Promise<PlotFeature> {
      const plot = plotOfFeature(feature);
      const surveyId = await ownSurvey(caller, feature.properties.survey);
      const id = randomUUID();
      await db.transaction(async (tx) => {
        await repo.insertPlots(
          tx,
          { organisationId: caller.organisationId, userId: caller.userId, surveyId },
          [{ id, plot }],
        );
        await audit(tx, caller, 'create', 'field_plot', id, { date: plot.date, survey: surveyId });
        await enqueueAnalysisOfSurveys(tx, [surveyId]);
      });
      return get(caller, id);
    },

    async replace(caller: Caller, id: string, feature: PlotFeatureInput): Promise<PlotFeature> {
      const plot = plotOfFeature(feature);
      const surveyId = await ownSurvey(caller, feature.properties.survey);
      await db.transaction(async (tx) => {
        const before = await writable(tx, caller, id);
        await repo.updatePlot(tx, id, plot, surveyId);
        await enqueueAnalysisOfSurveys(tx, [before.feature.properties.survey, surveyId]);
        await audit(tx, caller, 'update', 'field_plot', id, { ...plot, survey: surveyId });
      });
      return get(caller, id);
    },

    async remove(caller: Caller, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await writable(tx, caller, id);
        await repo.softDeletePlot(tx, id);
        await enqueueAnalysisOfSurveys(tx, [before.feature.properties.survey]);
        await audit(tx, caller, 'delete', 'field_plot', id);
      });
    },

    /**
     * Checks every row; unless `dryRun`, writes all of them in one transaction — only when every row is
     * valid, otherwise ValidationError with the report in its details and nothing written.
     */
    async import(
      caller: Caller,
      rows: readonly PlotRow[],
      options: { surveyId?: string; dryRun: boolean; format: ImportFormat },
    ): Promise<ImportReport> {
      const surveyId = await ownSurvey(caller, options.surveyId);
      const { plots, report, rejected } = checkRows(rows, todayInMongolia());
      const { dryRun } = options;
      if (dryRun) return { dryRun, accepted: plots.length, rejected, rows: report };
      if (rejected > 0 || plots.length === 0) {
        const message =
          plots.length === 0 && rejected === 0
            ? 'the file holds no plots'
            : `${rejected} of ${rows.length} rows are invalid; nothing was imported (first: row ${report.find((r) => !r.ok)!.row})`;
        throw new ValidationError(
          message,
          { dryRun, accepted: plots.length, rejected, rows: report },
          'invalid_rows',
        );
      }
      const withIds = plots.map((plot) => ({ id: randomUUID(), plot }));
      await db.transaction(async (tx) => {
        await repo.insertPlots(
          tx,
          { organisationId: caller.organisationId, userId: caller.userId, surveyId },
          withIds,
        );
        await audit(tx, caller, 'create', 'field_plot_import', null, {
          count: withIds.length,
          survey: surveyId,
          format: options.format,
        });
        await enqueueAnalysisOfSurveys(tx, [surveyId]);
      });
      return {
        dryRun,
        accepted: withIds.length,
        rejected: 0,
        rows: report.map((r, i) => ({ ...r, id: withIds[i]!.id })),
      };
    },

    async putPhoto(
      caller: Caller,
      id: string,
      bytes: Buffer,
      contentType: string | undefined,
    ): Promise<PlotFeature> {
      const format = sniffPhoto(bytes, contentType);
      await writable(db, caller, id);
      const key = photoKey(id, format);
      await store.deletePrefix(photoPrefix(id));
      await store.put(key, Readable.from([bytes]));
      await db.transaction(async (tx) => {
        await repo.setPhotoKey(tx, id, key);
        await audit(tx, caller, 'update', 'field_plot', id, { photo: key, bytes: bytes.length });
      });
      return get(caller, id);
    },

    /** Where the plot's photo is stored, for sending it. */
    async photo(
      caller: Caller,
      id: string,
    ): Promise<{ key: string; size: number; contentType: string; etag: string; updatedAt: Date }> {
      const record = await repo.getPlotRecord(db, readableOrganisations(caller), id);
      const key = record.photoKey;
      const size = key ? await store.size(key) : null;
      if (!key || size === null) throw new NotFoundError(`field plot ${id} has no photo`);
      const contentType = formatOfKey(key)?.contentType ?? 'application/octet-stream';
      return {
        key,
        size,
        contentType,
        etag: `${id}-${record.updatedAt.getTime()}`,
        updatedAt: record.updatedAt,
      };
    },
  };
}

export type FieldPlotService = ReturnType<typeof createFieldPlotService>;
