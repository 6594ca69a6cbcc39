/**
 * Read-ahead over a counting in-memory source: every read equals the plain slice of the bytes
 * (a property over many random reads, across block edges and the end), and the request count shows
 * what was widened, shared, kept and dropped.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readAheadSource } from './read.ahead.ts';

function counted(data: Uint8Array) {
  const calls: Array<[number, number]> = [];
  let failNext = false;
  return {
    calls,
    failOnce: () => (failNext = true),
    fetch: async (offset: number, length: number) => {
      calls.push([offset, length]);
      await new Promise((r) => setTimeout(r, 1));
      if (failNext) {
        failNext = false;
        throw new Error('connection reset');
      }
      return data.slice(offset, offset + length);
    },
  };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('readAheadSource', () => {
  const data = randomBytes(300_000);

  it('returns exactly the asked bytes for random reads, clipped at the end', async () => {
    const src = counted(data);
    const source = readAheadSource(data.length, src.fetch, { blockBytes: 4096, maxBlocks: 8 });
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 500; i++) {
      const offset = next() % (data.length + 100);
      const length = next() % 10_000;
      const want = data.subarray(offset, Math.min(data.length, offset + length));
      expect(hex(await source.fetch(offset, length)), `${offset}+${length}`).toBe(hex(want));
    }
  });

  it('widens small reads to blocks, fetches missing neighbours in one request, passes big reads', async () => {
    const src = counted(data);
    const source = readAheadSource(data.length, src.fetch, { blockBytes: 1000 });
    await source.fetch(10, 20); // block 0
    await source.fetch(500, 100); // block 0 again: cached
    await source.fetch(2990, 20); // blocks 2 and 3, one request
    await source.fetch(1500, 10); // block 1
    await source.fetch(5000, 1000); // a whole block's worth: as asked
    await source.fetch(299_990, 50); // last block, short
    expect(src.calls).toEqual([
      [0, 1000],
      [2000, 2000],
      [1000, 1000],
      [5000, 1000],
      [299_000, 1000],
    ]);
  });

  it('shares one request between concurrent reads of a block, and keeps the last maxBlocks', async () => {
    const src = counted(data);
    const source = readAheadSource(data.length, src.fetch, { blockBytes: 1000, maxBlocks: 2 });
    await Promise.all([source.fetch(100, 5), source.fetch(200, 5), source.fetch(900, 5)]);
    expect(src.calls.length).toBe(1);
    await source.fetch(1100, 5);
    await source.fetch(2100, 5); // drops block 0
    await source.fetch(100, 5);
    expect(src.calls.map(([o]) => o)).toEqual([0, 1000, 2000, 0]);
  });

  it('does not keep a failed request, and hands out copies', async () => {
    const src = counted(data);
    const source = readAheadSource(data.length, src.fetch, { blockBytes: 1000 });
    src.failOnce();
    await expect(source.fetch(10, 10)).rejects.toThrow('connection reset');
    const bytes = await source.fetch(10, 10);
    expect(hex(bytes)).toBe(hex(data.subarray(10, 20)));
    bytes.fill(0);
    expect(hex(await source.fetch(10, 10))).toBe(hex(data.subarray(10, 20)));
    expect(src.calls.length).toBe(2);
  });
});
