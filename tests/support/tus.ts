/**
 * A minimal tus 1.0 client for tests, written from the protocol text
 * (https://tus.io/protocols/resumable-upload), with a way to cut a PATCH's connection mid-body.
 */
import type { TestServer } from '../../api/src/testing/test.server.ts';

export const TUS_HEADERS = { 'Tus-Resumable': '1.0.0' } as const;

const b64 = (v: string) => Buffer.from(v).toString('base64');

export function tusClient(s: TestServer, token: string) {
  return {
    create(size: number, meta: Record<string, string>): Promise<Response> {
      const metadata = Object.entries(meta)
        .map(([k, v]) => `${k} ${b64(v)}`)
        .join(',');
      return s.request('/api/uploads', {
        method: 'POST',
        token,
        headers: { ...TUS_HEADERS, 'Upload-Length': String(size), 'Upload-Metadata': metadata },
      });
    },
    patch(location: string, offset: number, bytes: Uint8Array): Promise<Response> {
      return s.request(location, {
        method: 'PATCH',
        token,
        headers: {
          ...TUS_HEADERS,
          'Upload-Offset': String(offset),
          'Content-Type': 'application/offset+octet-stream',
        },
        body: bytes,
      });
    },
    /** Sends `bytes` from `offset` but drops the connection after `cutAfter` bytes, like a lost 3G link. */
    async patchAndCut(location: string, offset: number, bytes: Uint8Array, cutAfter: number): Promise<void> {
      const abort = new AbortController();
      let sent = 0;
      const chunk = 64 * 1024;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent >= cutAfter) {
            // Give the server a moment to write what it has, then cut.
            await new Promise((r) => setTimeout(r, 200));
            abort.abort();
            controller.error(new Error('connection cut'));
            return;
          }
          const end = Math.min(sent + chunk, cutAfter, bytes.length);
          controller.enqueue(bytes.subarray(sent, end));
          sent = end;
        },
      });
      await s
        .request(location, {
          method: 'PATCH',
          token,
          headers: {
            ...TUS_HEADERS,
            'Upload-Offset': String(offset),
            'Content-Type': 'application/offset+octet-stream',
          },
          body,
          signal: abort.signal,
          duplex: 'half',
        } as RequestInit)
        .then(
          (r) => r.arrayBuffer(),
          () => undefined,
        );
    },
    async offset(location: string): Promise<number> {
      const res = await s.request(location, { method: 'HEAD', token, headers: TUS_HEADERS });
      if (res.status !== 200) throw new Error(`HEAD ${location}: ${res.status}`);
      return Number(res.headers.get('upload-offset'));
    },
    head(location: string): Promise<Response> {
      return s.request(location, { method: 'HEAD', token, headers: TUS_HEADERS });
    },
  };
}

/** Polls a survey until it is ready or failed. */
export async function waitForSurvey(
  s: TestServer,
  token: string,
  id: string,
  timeoutMs = 240_000,
): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const survey = (await (await s.request(`/api/surveys/${id}`, { token })).json()) as Record<
      string,
      unknown
    >;
    if (survey.status === 'ready' || survey.status === 'failed') return survey;
    if (Date.now() > until)
      throw new Error(`survey ${id} still ${String(survey.status)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
