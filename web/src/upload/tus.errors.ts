/**
 * Turns what tus-js-client reports (a DetailedError with the last request and response, or a plain
 * Error) into an UploadProblem carrying the server's own message from its JSON error body.
 */
import { DetailedError } from 'tus-js-client';
import { isRecord } from '../api/guards.ts';
import type { UploadProblem } from './upload.state.ts';

/** The `error.message` of a SPEC §3 error body, or null when the body is something else. */
export function serverMessage(body: string): string | null {
  try {
    const json: unknown = JSON.parse(body);
    if (isRecord(json) && isRecord(json.error) && typeof json.error.message === 'string')
      return json.error.message;
  } catch {
    // not JSON: fall through
  }
  return null;
}

export function statusOf(err: unknown): number {
  return err instanceof DetailedError ? (err.originalResponse?.getStatus() ?? 0) : 0;
}

export function problemOf(err: unknown): UploadProblem {
  if (err instanceof DetailedError && err.originalResponse) {
    const status = err.originalResponse.getStatus();
    const body = err.originalResponse.getBody();
    const message = serverMessage(body) ?? (body.trim().slice(0, 300) || `HTTP ${status}`);
    return { kind: 'server', status, message };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'network', message };
}

export function methodOf(err: unknown): string {
  return err instanceof DetailedError ? (err.originalRequest?.getMethod() ?? '') : '';
}

/**
 * Retry a request that got no answer, a 5xx, or a 409/423/429 (offset conflict, locked,
 * rate-limited) — except a 409 to creating the upload, which means the survey is still being
 * processed and will not change in minutes.
 */
export function worthRetrying(status: number, method = ''): boolean {
  if (status === 409 && method === 'POST') return false;
  return status === 0 || status >= 500 || status === 409 || status === 423 || status === 429;
}
