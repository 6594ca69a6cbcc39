/** Block budget: the decoded bytes of the levels read at native, native−1 and native−2, bounded. */
import { describe, expect, it } from 'vitest';
import { blockBudget, type BlockLayout, type BudgetSource } from './block.budget.ts';
import { resolution } from './tile.matrix.ts';

/** Tiles of 512 px, `bands` samples of `bits` bits each, `across` × `down` tiles. */
const layout = (across: number, down: number, bands: number, bits: number): BlockLayout => ({
  blocksAcross: across,
  blocksDown: down,
  blockWidth: 512,
  blockHeight: 512,
  samplesPerPixel: bands,
  bitsPerSample: bits,
});

/** A source whose native zoom is 20 and which reads `levelOf[dz]` at native − dz. */
function source(levelOf: Record<number, number>): BudgetSource {
  const levels = [
    { image: layout(4, 4, 4, 8), mask: null },
    { image: layout(2, 2, 4, 8), mask: layout(2, 2, 1, 1) },
    { image: layout(1, 1, 4, 8), mask: null },
    { image: layout(1, 1, 4, 8), mask: null },
  ];
  return {
    mercatorResolution: resolution(20, 256) * 0.9,
    levelFor: (z) => levelOf[20 - z] ?? 3,
    tiff: { level: (i) => levels[i]! },
  };
}

describe('blockBudget', () => {
  it('adds the decoded blocks of the distinct levels read from native to native−2, masks a byte a pixel', () => {
    const tile = 512 * 512;
    // Level 0: 16 tiles × 4 bytes; level 1: 4 tiles × 4 bytes + a 1-bit mask decoded to 1 byte; level 2: 1 × 4.
    expect(blockBudget(source({ 0: 0, 1: 1, 2: 2 }), Infinity)).toBe(tile * (64 + 16 + 4 + 4));
    // native and native−1 on the same level: counted once.
    expect(blockBudget(source({ 0: 1, 1: 1, 2: 2 }), Infinity)).toBe(tile * (16 + 4 + 4));
  });

  it('never exceeds the bound', () => {
    expect(blockBudget(source({ 0: 0, 1: 1, 2: 2 }), 1000)).toBe(1000);
  });
});
