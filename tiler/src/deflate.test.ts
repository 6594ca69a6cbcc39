/**
 * Our zlib streams inflated by zlib itself (node:zlib, an independent decoder that checks the Adler-32
 * too): noise, zeros, runs at the length codes' edges, a single byte; the Huffman code lengths by hand
 * and, on counts that would make a deeper tree, held to 15 bits with the code still complete.
 */
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { canonicalCodes, huffmanLengths, zlibStream } from './deflate.ts';

/** Deterministic pseudo-random bytes. */
function noise(length: number, seed = 1): Uint8Array {
  let s = seed;
  return Uint8Array.from({ length }, () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24);
}

const roundTrip = (data: Uint8Array) => {
  const stream = new Uint8Array(zlibStream(data.length, (into) => into.set(data)));
  return { stream, back: new Uint8Array(inflateSync(stream)) };
};

/** Kraft's sum of the code lengths: 1 for a complete prefix code. */
const kraft = (lengths: Uint8Array) => lengths.reduce((sum, l) => sum + (l > 0 ? 2 ** -l : 0), 0);

describe('zlibStream', () => {
  const runs = new Uint8Array(5000);
  // Runs of 3, 4, 258 and 259 equal bytes after a distinct one (matches of 2, 3, 257 and 258).
  let at = 0;
  for (const [value, length] of [
    [1, 3],
    [2, 4],
    [3, 258],
    [4, 259],
    [5, 1],
    [6, 2],
  ] as const) {
    runs.fill(value, at, at + length);
    at += length;
  }
  runs.set(noise(5000 - at, 9), at);
  it.each([
    ['noise', noise(197_376)],
    ['zeros', new Uint8Array(197_376)],
    ['one byte', Uint8Array.of(42)],
    ['runs at the length codes’ edges', runs],
    ['bytes 0–255 once each', Uint8Array.from({ length: 256 }, (_, i) => i)],
  ])('inflates back to the input: %s', (_, data) => {
    const { back } = roundTrip(data);
    expect(Buffer.compare(back, data)).toBe(0);
  });

  it('codes runs in a few bytes and noise in about its entropy', () => {
    expect(roundTrip(new Uint8Array(197_376)).stream.length).toBeLessThan(300);
    // Uniform bytes cannot shrink: 8 bits each plus the header and a few runs' worth.
    const uniform = roundTrip(noise(100_000, 3)).stream.length;
    expect(uniform).toBeGreaterThan(99_000);
    expect(uniform).toBeLessThan(101_000);
  });
});

describe('huffmanLengths', () => {
  it('gives the optimal lengths worked by hand', () => {
    // 1, 1, 2, 4 → merge 1+1, then 2+2, then 4+4: depths 3, 3, 2, 1; unused symbols 0.
    expect([...huffmanLengths([1, 0, 1, 2, 4], 15)]).toEqual([3, 0, 3, 2, 1]);
    expect([...huffmanLengths([5, 5], 15)]).toEqual([1, 1]);
    // One symbol or none counted: the first uncounted ones join, so the code stays complete.
    expect([...huffmanLengths([0, 7, 0], 15)]).toEqual([1, 1, 0]);
    expect([...huffmanLengths([0, 0, 0], 15)]).toEqual([1, 1, 0]);
  });

  it('holds Fibonacci counts (a tree 24 deep) to 15 bits with a complete code', () => {
    const fib = [1, 1];
    while (fib.length < 25) fib.push(fib.at(-1)! + fib.at(-2)!);
    expect(Math.max(...huffmanLengths(fib, 99))).toBe(24);
    const lengths = huffmanLengths(fib, 15);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(15);
    expect(kraft(lengths)).toBe(1);
    // The commonest symbols keep the shortest codes.
    expect(lengths[24]).toBeLessThanOrEqual(lengths[0]!);
  });

  it('numbers canonical codes as RFC 1951 §3.2.2 does, bit-reversed', () => {
    // The RFC's example: lengths (3, 3, 3, 3, 3, 2, 4, 4) → codes 010, 011, 100, 101, 110, 00, 1110, 1111.
    const codes = canonicalCodes(Uint8Array.of(3, 3, 3, 3, 3, 2, 4, 4));
    const reverse = (bits: string) => [...bits].reverse().join('');
    const written = [...codes].map((c) => (c & 0xffff).toString(2).padStart(c >>> 16, '0'));
    expect(written.map(reverse)).toEqual(['010', '011', '100', '101', '110', '00', '1110', '1111']);
  });
});
