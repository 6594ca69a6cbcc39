/**
 * The three requests of the tus 1.0.0 core + creation protocol, each on its own: create (POST), offset
 * (HEAD) and append (PATCH, the body streamed from the file). They throw HttpError for error answers and
 * NetworkError when the server could not be reached or the transfer stalled; deciding what to do about
 * it (retry, resume, start over) is tus.upload.ts's job.
 */
import { NetworkError } from './api.client.ts';
import { CliError, InterruptedError } from './errors.ts';
import { fileRangeStream } from './file.range.stream.ts';
import { httpErrorOf } from './http.error.ts';

export const TUS_VERSION = '1.0.0';

export interface TusContext {
  readonly fetch: typeof fetch;
  readonly token: string;
  /** The run's signal (Ctrl-C). */
  readonly signal: AbortSignal;
  /** Timeout of POST and HEAD. */
  readonly requestTimeoutMs: number;
}

/** The server answered 2xx but not as tus says it must (e.g. no Upload-Offset): worth a fresh HEAD. */
export class TusProtocolError extends CliError {
  constructor(message: string) {
    super(message);
    this.name = 'TusProtocolError';
  }
}

function headers(ctx: TusContext, extra: Record<string, string> = {}): Record<string, string> {
  return { 'tus-resumable': TUS_VERSION, authorization: `Bearer ${ctx.token}`, ...extra };
}

async function send(
  ctx: TusContext,
  url: string,
  init: RequestInit,
  ownSignal: AbortSignal,
): Promise<Response> {
  try {
    return await ctx.fetch(url, { ...init, signal: AbortSignal.any([ctx.signal, ownSignal]) });
  } catch (err) {
    if (ctx.signal.aborted) throw new InterruptedError();
    if (ownSignal.aborted && ownSignal.reason instanceof Error && ownSignal.reason.name === 'StallError') {
      throw new NetworkError(url, ownSignal.reason);
    }
    throw new NetworkError(url, err);
  }
}

function parseOffset(res: Response, what: string): number {
  const raw = res.headers.get('upload-offset');
  const offset = raw === null ? NaN : Number(raw);
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new TusProtocolError(`${what}: the server sent no valid Upload-Offset (${raw ?? 'none'})`);
  return offset;
}

/** POST: creates an upload of `length` bytes; returns its absolute URL. */
export async function createUpload(
  ctx: TusContext,
  endpoint: string,
  length: number,
  metadata: string,
): Promise<string> {
  const res = await send(
    ctx,
    endpoint,
    {
      method: 'POST',
      headers: headers(ctx, { 'upload-length': String(length), 'upload-metadata': metadata }),
    },
    AbortSignal.timeout(ctx.requestTimeoutMs),
  );
  if (res.status !== 201) {
    if (res.ok) await res.body?.cancel();
    throw res.ok
      ? new TusProtocolError(`creating the upload: expected 201, got ${res.status}`)
      : await httpErrorOf(res);
  }
  await res.body?.cancel();
  const location = res.headers.get('location');
  if (!location) throw new TusProtocolError('creating the upload: the server sent no Location');
  return new URL(location, endpoint).toString();
}

export interface UploadState {
  readonly offset: number;
  readonly length: number | null;
}

/** HEAD: how many bytes the server has. */
export async function headUpload(ctx: TusContext, url: string): Promise<UploadState> {
  const res = await send(
    ctx,
    url,
    { method: 'HEAD', headers: headers(ctx, { 'cache-control': 'no-store' }) },
    AbortSignal.timeout(ctx.requestTimeoutMs),
  );
  if (!res.ok) throw await httpErrorOf(res);
  const rawLength = res.headers.get('upload-length');
  const length = rawLength === null ? null : Number(rawLength);
  return { offset: parseOffset(res, 'resuming'), length: Number.isSafeInteger(length) ? length : null };
}

export interface PatchRequest {
  readonly url: string;
  readonly file: string;
  readonly offset: number;
  readonly end: number;
  /** Called as each piece of the body is handed to the network. */
  readonly onBytes: (n: number) => void;
  /** Abort when no piece of the body could be sent for this long (a dead mobile link). */
  readonly stallTimeoutMs: number;
  /** Once the whole body is sent, how long to wait for the answer (the last chunk may be verified first). */
  readonly responseTimeoutMs: number;
}

class StallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StallError';
  }
}

/** PATCH: sends bytes [offset, end) of the file; returns the server's new offset. */
export async function patchUpload(ctx: TusContext, req: PatchRequest): Promise<number> {
  const stall = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  const arm = (ms: number, why: string): void => {
    clearTimeout(timer);
    // a piece read just before an abort may still report in: no new timer once the request is over
    if (!settled) timer = setTimeout(() => stall.abort(new StallError(why)), ms);
  };
  const length = req.end - req.offset;
  let sent = 0;
  arm(req.stallTimeoutMs, `no data could be sent for ${Math.round(req.stallTimeoutMs / 1000)} s`);
  const body = fileRangeStream(req.file, req.offset, req.end, (n) => {
    sent += n;
    req.onBytes(n);
    if (sent >= length)
      arm(
        req.responseTimeoutMs,
        `no answer ${Math.round(req.responseTimeoutMs / 1000)} s after the chunk was sent`,
      );
    else arm(req.stallTimeoutMs, `no data could be sent for ${Math.round(req.stallTimeoutMs / 1000)} s`);
  });
  try {
    const res = await send(
      ctx,
      req.url,
      {
        method: 'PATCH',
        headers: headers(ctx, {
          'upload-offset': String(req.offset),
          'content-type': 'application/offset+octet-stream',
          'content-length': String(length),
        }),
        body,
        duplex: 'half',
      },
      stall.signal,
    );
    if (!res.ok) throw await httpErrorOf(res);
    await res.body?.cancel();
    return parseOffset(res, 'sending a chunk');
  } finally {
    settled = true;
    clearTimeout(timer);
  }
}
