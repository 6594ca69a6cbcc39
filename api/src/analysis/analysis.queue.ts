/**
 * Queueing the `survey.analysis` job (per-unit analysis and biomass calibration of one published survey
 * version). Identical pending work is queued once: the job key names the survey and its version.
 * Called after `survey.process` publishes, after field plots of a survey change, and by the analysis
 * routes when they find the stored results stale.
 */
import type { Queryable } from '../db/db.ts';
import { enqueue } from '../jobs/queue.ts';

export const ANALYSIS_JOB = 'survey.analysis';

/** Prefix of the job keys of one survey (any version). */
export const analysisKeyPrefix = (surveyId: string) => `${ANALYSIS_JOB}:${surveyId}:`;
export const analysisJobKey = (surveyId: string, version: number) =>
  `${analysisKeyPrefix(surveyId)}${version}`;

export interface AnalysisPayload {
  readonly surveyId: string;
  readonly version: number;
}

/** Queues the analysis of a survey version; the job id, or null when the same work is already pending. */
export function enqueueAnalysis(db: Queryable, surveyId: string, version: number): Promise<number | null> {
  const payload: AnalysisPayload = { surveyId, version };
  return enqueue(db, ANALYSIS_JOB, payload, { dedupeKey: analysisJobKey(surveyId, version), maxAttempts: 3 });
}

/** Queues the analysis of the published version of each survey given (plots of them changed). */
export async function enqueueAnalysisOfSurveys(
  db: Queryable,
  surveyIds: ReadonlyArray<string | null | undefined>,
): Promise<void> {
  const ids = [...new Set(surveyIds.filter((id): id is string => typeof id === 'string'))];
  if (ids.length === 0) return;
  const rows = await db.query<{ id: string; version: number }>(
    `SELECT id, version FROM surveys WHERE id = ANY($1::uuid[]) AND version > 0 AND deleted_at IS NULL`,
    [ids],
  );
  for (const r of rows) await enqueueAnalysis(db, r.id, r.version);
}
