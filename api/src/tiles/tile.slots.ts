/**
 * Shared memory for encoded tiles on their way from a render thread to the HTTP thread: the render
 * thread copies a tile's bytes into a slot of a SharedArrayBuffer and the response is written from a
 * view of it, released once the response is done. A tile handed over as its own ArrayBuffer instead
 * counts as external memory on the receiving thread, whose allocations (~20 MB/s under load) start a
 * full collection of its heap every half second or so; a slot allocates nothing. When every slot is
 * in use, or a tile is larger than a slot, the tile travels as its own buffer as before.
 */

/** An encoded tile to send; `release` (once it is sent, or copied) lets its memory be reused. */
export interface TileBytes {
  readonly body: Buffer;
  release(): void;
}

/** Bytes owned by the caller: nothing to release. */
export const ownedTile = (body: Buffer): TileBytes => ({ body, release: () => undefined });

/** Where a render thread writes: the shared buffer and each slot's size. */
export interface SlotMemory {
  readonly shared: SharedArrayBuffer;
  readonly slotBytes: number;
}

export class TileSlots {
  readonly memory: SlotMemory;
  private readonly free: number[];

  constructor(count: number, slotBytes: number) {
    this.memory = { shared: new SharedArrayBuffer(count * slotBytes), slotBytes };
    this.free = Array.from({ length: count }, (_, i) => count - 1 - i);
  }

  /** A free slot, or -1 when all are in use. */
  take(): number {
    return this.free.pop() ?? -1;
  }

  give(slot: number): void {
    if (slot >= 0) this.free.push(slot);
  }

  /** The first `length` bytes of `slot` as a tile, the slot given back on the first release. */
  tile(slot: number, length: number): TileBytes {
    let released = false;
    return {
      body: Buffer.from(this.memory.shared, slot * this.memory.slotBytes, length),
      release: () => {
        if (released) return;
        released = true;
        this.give(slot);
      },
    };
  }
}

/** In a render thread: copies `bytes` into `slot`; false when they do not fit (then they are sent). */
export function writeSlot(memory: SlotMemory, slot: number, bytes: Uint8Array): boolean {
  if (slot < 0 || bytes.length > memory.slotBytes) return false;
  new Uint8Array(memory.shared, slot * memory.slotBytes, bytes.length).set(bytes);
  return true;
}
