/**
 * The one place the web app talks HTTP to its own server (same origin, session cookie). Error
 * bodies follow SPEC §3, `{"error": {"code", "message", "details"?}}`; they become an `ApiError`
 * carrying the status and, for 429, the Retry-After delay. A request that never got an answer
 * (server down, network gone) becomes a `NetworkError`.
 */
import { isRecord, ShapeError } from './guards.ts';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait before trying again (Retry-After), when the server said. */
    readonly retryAfter: number | null = null,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON, or as is when it is a Blob (a File to import). */
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** Extra request headers (If-Match). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Seconds from a Retry-After header: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function errorFrom(status: number, statusText: string, body: unknown, retryAfter: number | null): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  const code = error && typeof error.code === 'string' ? error.code : `http_${status}`;
  const message = error && typeof error.message === 'string' ? error.message : statusText || `HTTP ${status}`;
  return new ApiError(status, code, message, retryAfter, error?.details);
}

/** Sends a request to the API and returns the parsed JSON body (null for 204 or an empty body). */
export async function apiRequest(path: string, options: RequestOptions = {}): Promise<unknown> {
  const { method = 'GET', body, signal } = options;
  const raw = body instanceof Blob;
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (body !== undefined && !raw) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined || raw ? body : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new NetworkError(`no answer from ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const text = await response.text();
  let json: unknown = null;
  if (text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      if (response.ok)
        throw new ShapeError(`${path} answered ${response.status} with a body that is not JSON`);
    }
  }
  if (!response.ok) {
    throw errorFrom(
      response.status,
      response.statusText,
      json,
      parseRetryAfter(response.headers.get('Retry-After')),
    );
  }
  return json;
}
