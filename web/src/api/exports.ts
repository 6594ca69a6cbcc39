/**
 * Offline survey packages (`POST /api/exports`, `GET /api/exports/{id}`, SPEC §2.2): ask for one,
 * follow its progress, and the URL of its zip (imagery and vector PMTiles, a MapLibre style).
 */
import { apiRequest } from './client.ts';
import { num, record, str, strOrNull, ShapeError } from './guards.ts';

export const EXPORT_STATUSES = ['queued', 'running', 'ready', 'failed', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export interface SurveyExport {
  readonly id: string;
  readonly status: ExportStatus;
  /** 0–100. */
  readonly progress: number;
  readonly error: string | null;
  /** The zip's size in bytes, once ready. */
  readonly zipSize: number | null;
}

export function parseExport(value: unknown): SurveyExport {
  const where = 'export';
  const e = record(value, where);
  const status = str(e, 'status', where);
  if (!(EXPORT_STATUSES as readonly string[]).includes(status))
    throw new ShapeError(`${where}.status is not one of ${EXPORT_STATUSES.join(', ')}`);
  const files = Array.isArray(e.files) ? e.files.map((f) => record(f, `${where}.files[]`)) : [];
  const zip = files.find((f) => f.name === 'package.zip');
  return {
    id: str(e, 'id', where),
    status: status as ExportStatus,
    progress: num(e, 'progress', where),
    error: strOrNull(e, 'error', where),
    zipSize: zip ? num(zip, 'size', `${where}.files[]`) : null,
  };
}

export async function requestSurveyPackage(surveyId: string): Promise<SurveyExport> {
  return parseExport(
    await apiRequest('/api/exports', { method: 'POST', body: { kind: 'survey-package', survey: surveyId } }),
  );
}

export async function fetchExport(id: string, signal?: AbortSignal): Promise<SurveyExport> {
  return parseExport(await apiRequest(`/api/exports/${encodeURIComponent(id)}`, { signal }));
}

export function packageZipUrl(id: string): string {
  return `/api/exports/${encodeURIComponent(id)}/package.zip`;
}
