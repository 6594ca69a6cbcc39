/**
 * Tile slots: a slot is lent once until released (a second release gives nothing back twice), all
 * of them in use gives −1 (the caller sends the tile as its own buffer), and a tile larger than a
 * slot is refused by the writer, one that fits lands at the slot's offset.
 */
import { describe, expect, it } from 'vitest';
import { TileSlots, writeSlot } from './tile.slots.ts';

describe('TileSlots', () => {
  it('lends each slot once until it is released', () => {
    const slots = new TileSlots(2, 8);
    const a = slots.take();
    const b = slots.take();
    expect(new Set([a, b])).toEqual(new Set([0, 1]));
    expect(slots.take()).toBe(-1);
    const tile = slots.tile(a, 3);
    tile.release();
    tile.release();
    expect(slots.take()).toBe(a);
    expect(slots.take()).toBe(-1);
  });

  it('writes a tile that fits at its slot, and refuses one that does not', () => {
    const slots = new TileSlots(3, 4);
    expect(writeSlot(slots.memory, 1, Uint8Array.of(9, 8, 7))).toBe(true);
    expect([...slots.tile(1, 3).body]).toEqual([9, 8, 7]);
    expect([...new Uint8Array(slots.memory.shared)]).toEqual([0, 0, 0, 0, 9, 8, 7, 0, 0, 0, 0, 0]);
    expect(writeSlot(slots.memory, 2, new Uint8Array(5))).toBe(false);
    expect(writeSlot(slots.memory, -1, new Uint8Array(1))).toBe(false);
  });
});
