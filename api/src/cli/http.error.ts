/**
 * Turning a non-2xx answer into an HttpError carrying the server's own message: the JSON error shape
 * `{"error": {"code", "message", "details"?}}` of SPEC §3, else a short plain-text body (tus servers
 * answer some errors in text), else the status line.
 */
import { HttpError } from './errors.ts';
import { isRecord } from './private.json.file.ts';

const MAX_TEXT = 300;

export function messageFromBody(
  status: number,
  statusText: string,
  body: string,
): { code: string | null; message: string } {
  try {
    const parsed: unknown = JSON.parse(body);
    if (isRecord(parsed) && isRecord(parsed.error) && typeof parsed.error.message === 'string') {
      const code = typeof parsed.error.code === 'string' ? parsed.error.code : null;
      return { code, message: parsed.error.message };
    }
  } catch {
    // not JSON: fall through
  }
  const text = body.trim();
  if (text && !/^\s*</.test(text))
    return { code: null, message: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text };
  return { code: null, message: `HTTP ${status}${statusText ? ` ${statusText}` : ''}` };
}

export async function httpErrorOf(res: Response): Promise<HttpError> {
  let body = '';
  try {
    body = await res.text();
  } catch {
    // the body was cut: the status is all we have
  }
  const { code, message } = messageFromBody(res.status, res.statusText, body);
  return new HttpError(res.status, code, message, retryAfterMs(res.headers.get('retry-after'), Date.now()));
}

/** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
