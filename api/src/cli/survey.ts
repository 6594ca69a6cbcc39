/**
 * A survey's processing state as the CLI sees it (GET /api/surveys/{id}, SPEC §3): fetching it and
 * saying it in one line ("processing 42 %", "failed: not a GeoTIFF").
 */
import { apiRequest } from './api.client.ts';
import { isRecord } from './private.json.file.ts';

export type SurveyStatus = 'created' | 'uploading' | 'queued' | 'processing' | 'ready' | 'failed';

export interface SurveyState {
  readonly id: string;
  readonly name: string | null;
  readonly status: string;
  readonly progress: number | null;
  readonly error: string | null;
}

export interface SurveyTarget {
  readonly server: string;
  readonly token: string;
  readonly fetch: typeof fetch;
  readonly signal: AbortSignal;
}

function errorText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value.message === 'string') return value.message;
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function parseSurvey(raw: unknown, id: string): SurveyState {
  const body = isRecord(raw) ? raw : {};
  return {
    id: typeof body.id === 'string' || typeof body.id === 'number' ? String(body.id) : id,
    name: typeof body.name === 'string' ? body.name : null,
    status: typeof body.status === 'string' ? body.status : 'unknown',
    progress: typeof body.progress === 'number' && Number.isFinite(body.progress) ? body.progress : null,
    error: errorText(body.error),
  };
}

export async function fetchSurvey(
  target: SurveyTarget,
  id: string,
): Promise<{ state: SurveyState; raw: unknown }> {
  const raw = await apiRequest<unknown>({
    server: target.server,
    path: `/api/surveys/${encodeURIComponent(id)}`,
    token: target.token,
    fetch: target.fetch,
    signal: target.signal,
    timeoutMs: 30_000,
  });
  return { state: parseSurvey(raw, id), raw };
}

export function isFinal(state: SurveyState): boolean {
  return state.status === 'ready' || state.status === 'failed';
}

export function describeSurvey(state: SurveyState): string {
  if (state.status === 'failed') return `failed${state.error ? `: ${state.error}` : ''}`;
  if (state.status === 'processing' && state.progress !== null)
    return `processing ${Math.round(state.progress)} %`;
  return state.status;
}
