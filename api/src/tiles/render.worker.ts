/**
 * A raster tile render thread of the pool in `render.pool.ts`: builds the same Store as the server
 * (STORAGE path or S3 settings from `workerData`), keeps its own Tiler (opened COGs and their block
 * caches), renders the tiles (or pyramid subtrees) it is sent and answers with the encoded bodies:
 * a tile in the shared-memory slot it came with (tile.slots.ts), else its buffer transferred.
 * Errors travel back as name, code, message and details, to be rebuilt as the typed error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BelcheerError } from '@belcheer/processing';
import { Tiler, type SubtreeQuery, type TileQuery } from '../../../tiler/src/index.ts';
import { openStore } from '../storage/open.store.ts';
import type {
  PingRequest,
  RenderRequest,
  RenderReply,
  RenderWorkerData,
  SubtreeRequest,
} from './render.pool.ts';
import { writeSlot } from './tile.slots.ts';

const data = workerData as RenderWorkerData;
const store = openStore(data.storage, data.s3);
const tiler = new Tiler({ cacheBytes: data.cacheBytes, blockCacheBytes: data.blockCacheBytes });
const port = parentPort;
if (!port) throw new Error('render.worker.ts runs as a worker thread');

/** The bytes as a view owning its whole ArrayBuffer, so it can be transferred (a Buffer may share a pool). */
function owned(body: Uint8Array): Uint8Array {
  return body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body);
}

async function render(key: string, query: TileQuery, slot: number): Promise<RenderReply> {
  const { body } = await tiler.render(key, () => store.open(key), query);
  if (body && writeSlot(data.slots, slot, body)) return { id: 0, body: null, inSlot: body.length };
  return { id: 0, body: body && owned(body) };
}

async function subtree(key: string, query: SubtreeQuery): Promise<RenderReply> {
  const { tiles, rgba } = await tiler.subtree(key, () => store.open(key), query);
  return {
    id: 0,
    body: rgba && owned(rgba),
    tiles: tiles.map(({ tile, body }) => ({ tile, body: body && owned(body) })),
  };
}

/** The buffers of a reply, handed over rather than copied. */
function transfers(reply: RenderReply): ArrayBuffer[] {
  const bodies = [reply.body, ...(reply.tiles ?? []).map((t) => t.body)];
  return bodies.flatMap((b) => (b ? [b.buffer as ArrayBuffer] : []));
}

port.on('message', (msg: RenderRequest | SubtreeRequest | PingRequest) => {
  if ('ping' in msg) {
    port.postMessage({ id: msg.id, body: null } satisfies RenderReply);
    return;
  }
  const work = 'subtree' in msg ? subtree(msg.key, msg.subtree) : render(msg.key, msg.query, msg.slot);
  work.then(
    (result) => {
      const reply: RenderReply = { ...result, id: msg.id };
      port.postMessage(reply, transfers(reply));
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
