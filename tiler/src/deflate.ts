/**
 * zlib streams (RFC 1950/1951) for PNG tiles, written in this thread's WebAssembly memory: one
 * dynamic-Huffman block whose only matches are runs (distance 1, as zlib's Z_RLE strategy finds them:
 * the long zero runs of Up-filtered flat or transparent areas), the rest literal bytes Huffman-coded.
 * The byte loops (tokens and histogram, coding, Adler-32) are `wasm/deflate.wat`; the code lengths
 * (length-limited Huffman), canonical codes and the block header are built here. Against zlib at
 * level 1 with the same strategy: the same size to a few bytes, a third of the time, and no zlib
 * stream allocated per tile (its ~300 KiB of native state counted as external memory, which made V8
 * run a full collection every few hundred tiles on a render thread).
 * Reference: RFC 1951 §3.2 (Huffman codes, block format), RFC 1950 (zlib header, Adler-32).
 */
import { align16, instantiate, reserve, type WasmMemory } from './wasm/webassembly.ts';

interface DeflateExports {
  readonly memory: WasmMemory;
  tokenize(src: number, len: number, tokens: number, hist: number, lenSym: number): number;
  encode(
    tokens: number,
    count: number,
    codes: number,
    lenSym: number,
    lenExtra: number,
    distCode: number,
    out: number,
    bits: number,
  ): number;
  adler32(src: number, len: number): number;
}

/** Literal/length symbols (0–255 bytes, 256 end of block, 257–285 lengths). */
const SYMBOLS = 286;
const END_OF_BLOCK = 256;
const MAX_BITS = 15;
const MAX_CODE_LENGTH_BITS = 7;

// Memory layout (bytes): the length tables, the codes, the histogram, then the data, tokens and output.
const LEN_SYM = 0;
const LEN_EXTRA = 512;
const CODES = 1536;
const HIST = 2688;
const DATA = 4096;

/** RFC 1951 §3.2.5: the base length of each length symbol 257–285, and its extra bits. */
const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
  227, 258,
];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
/** Order in which the code length code's lengths are sent (§3.2.7). */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

let kernel: DeflateExports | null = null;

function instance(): DeflateExports {
  if (kernel !== null) return kernel;
  const k = instantiate<DeflateExports>(new URL('./wasm/deflate.wasm', import.meta.url));
  const lenSym = new Uint16Array(k.memory.buffer, LEN_SYM, 256);
  const lenExtra = new Uint32Array(k.memory.buffer, LEN_EXTRA, 256);
  for (let length = 3; length <= 258; length++) {
    // 258 has a symbol of its own (285), though 284's extra bits could reach it.
    let i = length === 258 ? LENGTH_BASE.length - 1 : 0;
    while (length !== 258 && LENGTH_BASE[i + 1]! <= length) i++;
    lenSym[length - 3] = 257 + i;
    lenExtra[length - 3] = (LENGTH_EXTRA[i]! << 16) | (length - LENGTH_BASE[i]!);
  }
  kernel = k;
  return k;
}

/**
 * Huffman code lengths for `freq`, none longer than `maxBits`: the optimal code, built again from
 * halved counts while it is too deep (each halving flattens it; all-equal counts give a balanced
 * tree). Symbols of count 0 get length 0, except that a code has at least two symbols (as zlib's
 * trees: a one-symbol code is incomplete), so the first uncounted ones are counted once.
 */
export function huffmanLengths(freq: ArrayLike<number>, maxBits: number): Uint8Array {
  const counts = Array.from(freq);
  for (let s = 0, used = counts.filter((c) => c > 0).length; used < 2; s++) {
    if (counts[s] === 0) {
      counts[s] = 1;
      used++;
    }
  }
  for (;;) {
    const lengths = huffmanDepths(counts);
    if (lengths.every((l) => l <= maxBits)) return lengths;
    for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) counts[i] = Math.max(1, counts[i]! >> 1);
  }
}

/** Depth of each counted symbol in a Huffman tree (two queues over the counts sorted ascending). */
function huffmanDepths(counts: readonly number[]): Uint8Array {
  // Leaves sorted by count then symbol, as one number each (a typed array sorts numbers natively).
  const keys: number[] = [];
  for (let symbol = 0; symbol < counts.length; symbol++) {
    if (counts[symbol]! > 0) keys.push(counts[symbol]! * 1024 + symbol);
  }
  const sorted = Float64Array.from(keys).sort();
  const n = sorted.length;
  // Nodes 0…n−1 are the leaves in sorted order, n… the merged ones in the order they are made.
  const weight = new Float64Array(2 * n - 1);
  for (let i = 0; i < n; i++) weight[i] = Math.floor(sorted[i]! / 1024);
  const parent = new Int32Array(2 * n - 1);
  let leaf = 0;
  let merged = n;
  let made = n;
  const smallest = () =>
    leaf < n && (merged >= made || weight[leaf]! <= weight[merged]!) ? leaf++ : merged++;
  while (made < 2 * n - 1) {
    const a = smallest();
    const b = smallest();
    parent[a] = parent[b] = made;
    weight[made++] = weight[a]! + weight[b]!;
  }
  const depth = new Uint8Array(2 * n - 1);
  for (let node = 2 * n - 3; node >= 0; node--) depth[node] = depth[parent[node]!]! + 1;
  const lengths = new Uint8Array(counts.length);
  for (let i = 0; i < n; i++) lengths[sorted[i]! % 1024] = depth[i]!;
  return lengths;
}

/** Canonical codes of `lengths` (§3.2.2), bit-reversed for writing first bit first, as (length << 16) | bits. */
export function canonicalCodes(lengths: Uint8Array): Uint32Array {
  const count = new Uint16Array(MAX_BITS + 1);
  for (const l of lengths) if (l > 0) count[l]!++;
  const next = new Uint16Array(MAX_BITS + 1);
  for (let bits = 1, code = 0; bits <= MAX_BITS; bits++) {
    code = (code + count[bits - 1]!) << 1;
    next[bits] = code;
  }
  const codes = new Uint32Array(lengths.length);
  lengths.forEach((l, symbol) => {
    if (l === 0) return;
    let code = next[l]!++;
    let reversed = 0;
    for (let b = 0; b < l; b++, code >>= 1) reversed = (reversed << 1) | (code & 1);
    codes[symbol] = (l << 16) | reversed;
  });
  return codes;
}

/** A little-endian bit writer over zeroed bytes (deflate's order: first bit in the lowest place). */
class BitWriter {
  bits = 0;
  constructor(private readonly bytes: Uint8Array) {}

  put(value: number, count: number): void {
    for (let i = 0; i < count; i++, this.bits++) {
      if ((value >> i) & 1) this.bytes[this.bits >> 3]! |= 1 << (this.bits & 7);
    }
  }

  code(packed: number): void {
    this.put(packed & 0xffff, packed >>> 16);
  }
}

/** Code length symbols (0–15 a length, 16 repeat, 17/18 zeros) with their extra bits (§3.2.7). */
function codeLengthSymbols(lengths: Uint8Array): { symbol: number; extra: number }[] {
  const out: { symbol: number; extra: number }[] = [];
  for (let i = 0; i < lengths.length;) {
    const l = lengths[i]!;
    let run = 1;
    while (i + run < lengths.length && lengths[i + run] === l) run++;
    i += run;
    if (l === 0) {
      for (; run >= 11; run -= Math.min(run, 138)) out.push({ symbol: 18, extra: Math.min(run, 138) - 11 });
      if (run >= 3) out.push({ symbol: 17, extra: run - 3 });
      else for (; run > 0; run--) out.push({ symbol: 0, extra: 0 });
      continue;
    }
    out.push({ symbol: l, extra: 0 });
    for (run--; run >= 3; run -= Math.min(run, 6)) out.push({ symbol: 16, extra: Math.min(run, 6) - 3 });
    for (; run > 0; run--) out.push({ symbol: l, extra: 0 });
  }
  return out;
}

const EXTRA_BITS: Record<number, number> = { 16: 2, 17: 3, 18: 7 };

/** Writes the dynamic block's header (§3.2.7) and returns the codes for its data. */
function blockHeader(w: BitWriter, litLengths: Uint8Array, distLengths: Uint8Array): void {
  let hlit = SYMBOLS;
  while (hlit > 257 && litLengths[hlit - 1] === 0) hlit--;
  let hdist = distLengths.length;
  while (hdist > 1 && distLengths[hdist - 1] === 0) hdist--;
  const all = new Uint8Array(hlit + hdist);
  all.set(litLengths.subarray(0, hlit));
  all.set(distLengths.subarray(0, hdist), hlit);
  const symbols = codeLengthSymbols(all);
  const freq = new Uint32Array(19);
  for (const s of symbols) freq[s.symbol]!++;
  const clLengths = huffmanLengths(freq, MAX_CODE_LENGTH_BITS);
  const clCodes = canonicalCodes(clLengths);
  let hclen = 19;
  while (hclen > 4 && clLengths[CODE_LENGTH_ORDER[hclen - 1]!] === 0) hclen--;
  w.put(1, 1); // BFINAL
  w.put(2, 2); // BTYPE 10: dynamic Huffman codes
  w.put(hlit - 257, 5);
  w.put(hdist - 1, 5);
  w.put(hclen - 4, 4);
  for (let i = 0; i < hclen; i++) w.put(clLengths[CODE_LENGTH_ORDER[i]!]!, 3);
  for (const { symbol, extra } of symbols) {
    w.code(clCodes[symbol]!);
    const n = EXTRA_BITS[symbol];
    if (n) w.put(extra, n);
  }
}

/** Bytes the header may take: 3 + 14 bits, 19 × 3 bits, ≤ 316 code length symbols of ≤ 7 + 7 bits. */
const HEADER_BYTES = 600;

/**
 * The zlib stream of `length` bytes that `fill` writes into the view it is given (this thread's
 * WebAssembly memory). The returned view of the stream is valid until the next call on this thread.
 */
export function zlibStream(length: number, fill: (into: Uint8Array) => void): Uint8Array {
  const k = instance();
  const tokens = DATA + align16(length);
  const out = tokens + align16(2 * length);
  // A token is ≤ 15 bits (a literal) or ≤ 35 bits for ≥ 3 bytes (a match): ≤ 2 bytes a byte.
  const need = out + 2 + HEADER_BYTES + 2 * length + 16;
  const memory = reserve(k.memory, need);
  fill(new Uint8Array(memory, DATA, length));
  const hist = new Uint32Array(memory, HIST, SYMBOLS).fill(0);
  const count = k.tokenize(DATA, length, tokens, HIST, LEN_SYM);
  hist[END_OF_BLOCK] = 1;
  let matches = 0;
  for (let s = 257; s < SYMBOLS; s++) matches += hist[s]!;
  // Distance code 0 (distance 1) is the only one used.
  const distLengths = huffmanLengths([matches, 0], MAX_BITS);
  const litLengths = huffmanLengths(hist, MAX_BITS);
  new Uint32Array(memory, CODES, SYMBOLS).set(canonicalCodes(litLengths));
  const stream = new Uint8Array(memory, out, 2 + HEADER_BYTES + 2 * length + 8);
  stream.fill(0, 0, 2 + HEADER_BYTES);
  stream[0] = 0x78; // deflate, 32 KiB window
  stream[1] = 0x01; // fastest, no dictionary ((0x78 << 8 | 0x01) % 31 === 0)
  const w = new BitWriter(stream.subarray(2));
  blockHeader(w, litLengths, distLengths);
  const distCode = canonicalCodes(distLengths)[0]!;
  const bits = k.encode(tokens, count, CODES, LEN_SYM, LEN_EXTRA, distCode, out + 2, w.bits);
  const end = 2 + Math.ceil(bits / 8);
  new DataView(memory, out + end, 4).setUint32(0, k.adler32(DATA, length));
  return new Uint8Array(memory, out, end + 4);
}
