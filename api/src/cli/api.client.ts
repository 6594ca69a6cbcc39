/**
 * JSON requests to the Belcheer API (login, survey status) with a bearer token, a timeout, and errors
 * turned into CliErrors: the server's message for HTTP errors, a plain sentence for network errors.
 */
import { CliError, EXIT, InterruptedError } from './errors.ts';
import { httpErrorOf } from './http.error.ts';
import { apiUrl } from './server.url.ts';

export interface ApiRequest {
  readonly server: string;
  readonly path: string;
  readonly method?: 'GET' | 'POST';
  readonly token?: string;
  readonly json?: unknown;
  readonly signal: AbortSignal;
  readonly fetch: typeof fetch;
  readonly timeoutMs?: number;
}

/** A failure to reach the server at all (DNS, refused, reset, timeout), as opposed to an HTTP error. */
export class NetworkError extends CliError {
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    const detail = describeNetworkError(cause);
    const unreachable = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|ETIMEDOUT|bad port/.test(
      detail,
    );
    super(
      `${unreachable ? 'cannot reach' : 'connection lost to'} ${new URL(url).origin}: ${detail}`,
      EXIT.failed,
    );
    this.name = 'NetworkError';
  }
}

export function describeNetworkError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'timed out';
    const cause = (err as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as NodeJS.ErrnoException).code;
      return code && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message;
    }
    return err.message;
  }
  return String(err);
}

export async function apiRequest<T>(req: ApiRequest): Promise<T> {
  const url = apiUrl(req.server, req.path);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  if (req.json !== undefined) headers['content-type'] = 'application/json';
  const signal = AbortSignal.any([req.signal, AbortSignal.timeout(req.timeoutMs ?? 60_000)]);
  let res: Response;
  try {
    res = await req.fetch(url, {
      method: req.method ?? 'GET',
      headers,
      body: req.json !== undefined ? JSON.stringify(req.json) : null,
      signal,
    });
  } catch (err) {
    if (req.signal.aborted) throw new InterruptedError();
    throw new NetworkError(url, err);
  }
  if (!res.ok) throw await httpErrorOf(res);
  try {
    return (await res.json()) as T;
  } catch (err) {
    if (req.signal.aborted) throw new InterruptedError();
    throw new CliError(`${url} did not answer JSON: ${describeNetworkError(err)}`);
  }
}
