/**
 * A raster tile render thread of the pool in `render.pool.ts`: builds the same Store as the server
 * (STORAGE path or S3 settings from `workerData`), keeps its own Tiler (opened COGs and their block
 * caches), renders the tiles it is sent and answers with the encoded body, its buffer transferred.
 * Errors travel back as name, code, message and details, to be rebuilt as the typed error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BelcheerError } from '@belcheer/processing';
import { Tiler, type TileQuery } from '../../../tiler/src/index.ts';
import { openStore } from '../storage/open.store.ts';
import type { PingRequest, RenderRequest, RenderReply, RenderWorkerData } from './render.pool.ts';

const data = workerData as RenderWorkerData;
const store = openStore(data.storage, data.s3);
const tiler = new Tiler({ cacheBytes: data.cacheBytes, blockCacheBytes: data.blockCacheBytes });
const port = parentPort;
if (!port) throw new Error('render.worker.ts runs as a worker thread');

async function render(key: string, query: TileQuery): Promise<RenderReply['body']> {
  const { body } = await tiler.render(key, () => store.open(key), query);
  if (!body) return null;
  // A Buffer may be a view on a shared pool: copy unless it owns its whole ArrayBuffer.
  return body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body);
}

port.on('message', (msg: RenderRequest | PingRequest) => {
  if ('ping' in msg) {
    port.postMessage({ id: msg.id, body: null } satisfies RenderReply);
    return;
  }
  render(msg.key, msg.query).then(
    (body) => {
      const reply: RenderReply = { id: msg.id, body };
      port.postMessage(reply, body ? [body.buffer as ArrayBuffer] : []);
    },
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      const reply: RenderReply = {
        id: msg.id,
        body: null,
        error: {
          name: e.name,
          message: e.message,
          ...(e instanceof BelcheerError ? { code: e.code, details: e.details } : {}),
        },
      };
      port.postMessage(reply);
    },
  );
});
