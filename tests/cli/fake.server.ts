/**
 * A small fake Belcheer server for the CLI's tests (node:http): the tus 1.0.0 endpoint at /api/uploads
 * (POST, HEAD, PATCH with offsets; bytes of an interrupted PATCH are kept, as @tus/server's file store
 * does), POST /api/auth/login and GET /api/surveys/{id} with a scripted sequence of states. Faults can
 * be ordered: drop the connection in the middle of the next PATCHes, answer 409 once, answer a status
 * (503, 401 …) to the next requests, or hold a PATCH after some bytes (to interrupt the client there).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomUUID } from 'node:crypto';
import { decodeUploadMetadata } from '../../api/src/cli/tus.metadata.ts';

export interface FakeUpload {
  readonly id: string;
  readonly length: number;
  readonly metadata: Record<string, string>;
  readonly chunks: Buffer[];
  offset: number;
}

export interface RequestLog {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly uploadOffset?: number;
  readonly contentLength?: number;
}

export interface SurveyScript {
  /** States answered in turn by GET /api/surveys/{id}; the last one repeats. */
  states: Array<Record<string, unknown>>;
}

export interface FakeServer {
  readonly url: string;
  readonly uploads: Map<string, FakeUpload>;
  readonly log: RequestLog[];
  readonly surveys: Map<string, SurveyScript>;
  token: string;
  /** Bytes received in PATCH bodies since the last reset. */
  received: number;
  /** Drop the connection after this many body bytes of each of the next PATCHes (one entry per PATCH). */
  dropAfter: number[];
  /** Answer 409 to this many next PATCHes. */
  conflicts: number;
  /** Answer these statuses (JSON errors) to the next tus requests, in turn. */
  failWith: number[];
  /** Retry-After header (seconds) sent with the forced errors, when set. */
  retryAfter: string | null;
  /** Stop reading a PATCH body once the upload has this many bytes; calls onHold once. */
  holdAt: number | null;
  onHold: (() => void) | null;
  /** Called after each piece of PATCH body is stored. */
  onBytes: ((upload: FakeUpload) => void) | null;
  dataOf(upload: FakeUpload): Buffer;
  only(): FakeUpload;
  forget(id: string): void;
  close(): Promise<void>;
}

function sendError(res: http.ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'tus-resumable': '1.0.0' });
  res.end(JSON.stringify({ error: { code, message } }));
}

const CODES: Record<number, string> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'too_large',
  500: 'internal',
  502: 'bad_gateway',
  503: 'unavailable',
};

export async function startFakeServer(
  options: { token?: string; password?: string } = {},
): Promise<FakeServer> {
  const uploads = new Map<string, FakeUpload>();
  const surveys = new Map<string, SurveyScript>();
  const log: RequestLog[] = [];
  const password = options.password ?? 'a long enough password';

  const state: Omit<FakeServer, 'url' | 'close'> = {
    uploads,
    log,
    surveys,
    token: options.token ?? 'good-token',
    received: 0,
    dropAfter: [],
    conflicts: 0,
    failWith: [],
    retryAfter: null,
    holdAt: null,
    onHold: null,
    onBytes: null,
    dataOf: (u) => Buffer.concat(u.chunks),
    only() {
      const all = [...uploads.values()];
      if (all.length !== 1) throw new Error(`expected one upload, the server has ${all.length}`);
      return all[0] as FakeUpload;
    },
    forget: (id) => void uploads.delete(id),
  };

  function authorised(req: http.IncomingMessage): boolean {
    return req.headers.authorization === `Bearer ${state.token}`;
  }

  function finish(
    res: http.ServerResponse,
    entry: Omit<RequestLog, 'status'>,
    status: number,
    headers: Record<string, string> = {},
  ): void {
    log.push({ ...entry, status });
    res.writeHead(status, { 'tus-resumable': '1.0.0', ...headers });
    res.end();
  }

  function handleTus(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    const method = req.method ?? 'GET';
    const entry = { method, path: pathname };
    if (!authorised(req)) {
      log.push({ ...entry, status: 401 });
      return sendError(res, 401, 'unauthorized', 'the token is not valid or has expired');
    }
    const forced = state.failWith.shift();
    if (forced !== undefined) {
      log.push({ ...entry, status: forced });
      req.resume();
      if (state.retryAfter !== null) res.setHeader('retry-after', state.retryAfter);
      return sendError(res, forced, CODES[forced] ?? 'error', `forced ${forced}`);
    }
    if (req.headers['tus-resumable'] !== '1.0.0') return finish(res, entry, 412);

    if (method === 'POST' && pathname === '/api/uploads') {
      const length = Number(req.headers['upload-length']);
      const metadata = decodeUploadMetadata(String(req.headers['upload-metadata'] ?? ''));
      const surveyId = metadata.surveyId ?? '';
      if (!surveys.has(surveyId)) {
        log.push({ ...entry, status: 404 });
        return sendError(res, 404, 'not_found', `survey ${surveyId} not found`);
      }
      const id = randomUUID();
      uploads.set(id, { id, length, metadata, chunks: [], offset: 0 });
      return finish(res, entry, 201, { location: `/api/uploads/${id}` });
    }
    const id = pathname.slice('/api/uploads/'.length);
    const upload = uploads.get(id);
    if (!upload) {
      log.push({ ...entry, status: 404 });
      req.resume();
      return sendError(res, 404, 'not_found', 'no such upload');
    }
    if (method === 'HEAD') {
      return finish(res, entry, 200, {
        'upload-offset': String(upload.offset),
        'upload-length': String(upload.length),
        'cache-control': 'no-store',
      });
    }
    if (method !== 'PATCH') return finish(res, entry, 405);
    const claimed = Number(req.headers['upload-offset']);
    const patchEntry = {
      ...entry,
      uploadOffset: claimed,
      contentLength: Number(req.headers['content-length']),
    };
    if (req.headers['content-type'] !== 'application/offset+octet-stream')
      return finish(res, patchEntry, 415);
    if (state.conflicts > 0 || claimed !== upload.offset) {
      if (state.conflicts > 0) state.conflicts -= 1;
      log.push({ ...patchEntry, status: 409 });
      req.resume();
      return sendError(res, 409, 'conflict', `Upload-Offset ${claimed} does not match ${upload.offset}`);
    }
    const dropAfter = state.dropAfter.shift();
    let inThisRequest = 0;
    let held = false;
    req.on('data', (piece: Buffer) => {
      if (held) return;
      let keep = piece;
      if (dropAfter !== undefined && inThisRequest + keep.length > dropAfter)
        keep = keep.subarray(0, Math.max(0, dropAfter - inThisRequest));
      if (state.holdAt !== null && upload.offset + keep.length > state.holdAt)
        keep = keep.subarray(0, Math.max(0, state.holdAt - upload.offset));
      if (keep.length > 0) {
        upload.chunks.push(Buffer.from(keep));
        upload.offset += keep.length;
        inThisRequest += keep.length;
        state.received += keep.length;
        state.onBytes?.(upload);
      }
      if (dropAfter !== undefined && inThisRequest >= dropAfter) {
        log.push({ ...patchEntry, status: 0 });
        req.socket.destroy();
        return;
      }
      if (state.holdAt !== null && upload.offset >= state.holdAt) {
        held = true;
        req.pause();
        const hook = state.onHold;
        state.onHold = null;
        hook?.();
      }
    });
    req.on('end', () => {
      if (held) return;
      const headers = { 'upload-offset': String(upload.offset) };
      if (upload.offset === upload.length) {
        const digest = createHash('sha256').update(state.dataOf(upload)).digest('hex');
        if (digest !== upload.metadata.sha256) {
          log.push({ ...patchEntry, status: 460 });
          return sendError(res, 460, 'checksum_mismatch', `SHA-256 mismatch: received ${digest}`);
        }
      }
      finish(res, patchEntry, 204, headers);
    });
  }

  async function readJson(req: http.IncomingMessage): Promise<unknown> {
    let text = '';
    for await (const piece of req) text += String(piece);
    return JSON.parse(text) as unknown;
  }

  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (pathname === '/api/uploads' || pathname.startsWith('/api/uploads/'))
      return handleTus(req, res, pathname);
    if (pathname === '/api/auth/login' && req.method === 'POST') {
      void readJson(req).then((body) => {
        const { email, password: given } = body as { email?: string; password?: string };
        if (given !== password) return sendError(res, 401, 'invalid_credentials', 'wrong email or password');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            token: state.token,
            user: { email, name: 'Test Agronomist', organisation: { name: 'Arkhangai aimag' } },
          }),
        );
      });
      return;
    }
    const survey = /^\/api\/surveys\/([^/]+)$/.exec(pathname);
    if (survey && req.method === 'GET') {
      if (!authorised(req))
        return sendError(res, 401, 'unauthorized', 'the token is not valid or has expired');
      const id = decodeURIComponent(survey[1] ?? '');
      const script = surveys.get(id);
      if (!script) return sendError(res, 404, 'not_found', `survey ${id} not found`);
      const current = script.states.length > 1 ? script.states.shift() : script.states[0];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id, name: 'Test survey', ...current }));
      return;
    }
    sendError(res, 404, 'not_found', `no route ${req.method} ${pathname}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as FakeServer;
}
