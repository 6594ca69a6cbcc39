/**
 * A pool of raster tile render threads (`node:worker_threads`, one per core by default, config
 * TILE_WORKERS), so every core warps, colours and encodes while the main thread answers HTTP. Each
 * thread (`render.worker.ts`) opens the COGs itself and keeps its own Tiler; a tile goes to the thread
 * with the fewest tiles queued (a tile waiting behind others while a core idles is the latency's tail),
 * among equals the one its neighbourhood (the tile's ancestor two zooms up) hashes to, so that the
 * threads' block caches tend to hold different parts of a COG. Threads are
 * started on the first tile and do not keep the process alive; typed errors thrown in a thread are
 * rebuilt here (validation, not found, unsupported raster), anything else becomes a plain Error.
 */
import type { Worker } from 'node:worker_threads';
import {
  NotFoundError,
  UnsupportedRasterError,
  ValidationError,
  type ErrorDetails,
} from '@belcheer/processing';
import type { SubtreeQuery, SubtreeResult, TileAddress, TileQuery } from '../../../tiler/src/index.ts';
import type { S3Config } from '../config.ts';
import { tsxWorker } from '../tsx.worker.ts';
import { ownedTile, TileSlots, type SlotMemory, type TileBytes } from './tile.slots.ts';

export interface RenderWorkerData {
  /** STORAGE: a folder path or an s3:// URL, with the S3 settings. */
  readonly storage: string;
  readonly s3: S3Config;
  /** Budget of each thread's LRU of opened COGs, and of each opened COG's block cache (bytes). */
  readonly cacheBytes: number;
  readonly blockCacheBytes: number;
  /** Where a thread writes an encoded tile for the slot it is given. */
  readonly slots: SlotMemory;
}

export interface RenderRequest {
  readonly id: number;
  readonly key: string;
  readonly query: TileQuery;
  /** The shared-memory slot for the encoded tile, or -1 (then it comes back as `body`). */
  readonly slot: number;
}

/** A subtree of a pyramid: its tiles come back in `tiles`, the root's RGBA in `body`. */
export interface SubtreeRequest {
  readonly id: number;
  readonly key: string;
  readonly subtree: SubtreeQuery;
}

/** Asks a thread to answer once its modules are loaded (an empty reply). */
export interface PingRequest {
  readonly id: number;
  readonly ping: true;
}

export interface RenderReply {
  readonly id: number;
  /** The encoded tile (a subtree's root RGBA), null when empty (or on error). */
  readonly body: Uint8Array | null;
  /** The encoded tile's length, when it was written into the request's slot instead. */
  readonly inSlot?: number;
  /** A subtree's encoded tiles. */
  readonly tiles?: SubtreeResult['tiles'];
  readonly error?: { name: string; message: string; code?: string; details?: ErrorDetails };
}

const REBUILD: Record<string, (message: string, code: string, details?: ErrorDetails) => Error> = {
  ValidationError: (m, c, d) => new ValidationError(m, d, c),
  NotFoundError: (m, c) => new NotFoundError(m, c),
  UnsupportedRasterError: (m, c, d) => new UnsupportedRasterError(m, d, c),
};

function rebuild(e: NonNullable<RenderReply['error']>): Error {
  const make = e.code ? REBUILD[e.name] : undefined;
  return make && e.code ? make(e.message, e.code, e.details) : new Error(`tile render thread: ${e.message}`);
}

interface Pending {
  readonly resolve: (reply: RenderReply) => void;
  readonly reject: (err: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

const WORKER_MODULE = new URL('./render.worker.ts', import.meta.url);

/** Tiles in flight between the threads and the responses, and the bytes of each (a 256² PNG is ≤ 263 KiB). */
const SLOTS = 64;
const SLOT_BYTES = 512 * 1024;

export type RenderPoolOptions = Omit<RenderWorkerData, 'slots'>;

export class RenderPool {
  private threads: Thread[] | null = null;
  private nextId = 0;
  private readonly slots = new TileSlots(SLOTS, SLOT_BYTES);
  private readonly data: RenderWorkerData;

  constructor(
    private readonly size: number,
    options: RenderPoolOptions,
  ) {
    this.data = { ...options, slots: this.slots.memory };
  }

  /** Renders a tile on a thread; null when the tile is empty. Release the tile once it is sent. */
  async render(key: string, query: TileQuery): Promise<TileBytes | null> {
    const slot = this.slots.take();
    let reply: RenderReply;
    try {
      reply = await this.send(this.pick(key, query.tile), (id): RenderRequest => ({ id, key, query, slot }));
    } catch (err) {
      this.slots.give(slot);
      throw err;
    }
    if (reply.inSlot !== undefined) return this.slots.tile(slot, reply.inSlot);
    this.slots.give(slot);
    const { body } = reply;
    return body && ownedTile(Buffer.from(body.buffer, body.byteOffset, body.length));
  }

  /** Renders a subtree of a pyramid on a thread (Tiler.subtree). */
  async subtree(key: string, subtree: SubtreeQuery): Promise<SubtreeResult> {
    const thread = this.pick(key, subtree.root);
    const reply = await this.send(thread, (id): SubtreeRequest => ({ id, key, subtree }));
    return { tiles: reply.tiles ?? [], rgba: reply.body };
  }

  /** Starts every thread now and resolves once each has loaded its modules (else the first tiles wait). */
  async start(): Promise<void> {
    await Promise.all(this.running().map((t) => this.send(t, (id): PingRequest => ({ id, ping: true }))));
  }

  private send(
    thread: Thread,
    message: (id: number) => RenderRequest | SubtreeRequest | PingRequest,
  ): Promise<RenderReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage(message(id));
    });
  }

  /** Stops the threads (they are started again by the next tile). */
  async close(): Promise<void> {
    const threads = this.threads ?? [];
    this.threads = null;
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private pick(key: string, { z, x, y }: TileAddress): Thread {
    const threads = this.running();
    let h = z * 31 + (x >> 2) * 7919 + (y >> 2) * 104729;
    for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
    const preferred = threads[Math.abs(h) % threads.length] as Thread;
    const idlest = threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return preferred.pending.size > idlest.pending.size ? idlest : preferred;
  }

  private running(): Thread[] {
    return (this.threads ??= Array.from({ length: this.size }, () => this.spawnThread()));
  }

  private spawnThread(): Thread {
    const worker = tsxWorker(WORKER_MODULE, { workerData: this.data });
    worker.unref();
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', (reply: RenderReply) => {
      const p = thread.pending.get(reply.id);
      if (!p) return;
      thread.pending.delete(reply.id);
      if (reply.error) p.reject(rebuild(reply.error));
      else p.resolve(reply);
    });
    const fail = (err: Error) => {
      for (const p of thread.pending.values()) p.reject(err);
      thread.pending.clear();
      const threads = this.threads;
      const i = threads?.indexOf(thread) ?? -1;
      if (threads && i >= 0) threads[i] = this.spawnThread();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`tile render thread exited with code ${code}`));
    });
    return thread;
  }
}
