/**
 * A streaming PMTiles v3 writer. Tiles arrive in any order (a pyramid finishes its tiles as its
 * subtrees do); each new content is appended to a temporary file at once, identical contents (hashed)
 * are stored once and addressed by every tile that has them, so memory holds the directory, never the
 * tiles. `finish` sorts the entries by tile id (`zxyToTileId`), merges consecutive tiles of one content
 * into runs, writes header, root directory, JSON metadata and leaf directories, then copies the tile
 * data behind them in tile-id order: a clustered archive with gzip-compressed directories and metadata.
 * Reference: PMTiles v3 spec (protomaps/PMTiles `spec/v3/spec.md`); read back by the `pmtiles` package.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, open, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ValidationError } from '@belcheer/processing';
import type { TileAddress } from '../tile.matrix.ts';
import { buildDirectories, HEADER_BYTES, type Entry } from './directory.ts';
import { headerBytes, type Compression, type TileType } from './header.ts';
import { zxyToTileId } from './tile.id.ts';

export interface PmtilesOptions {
  readonly tileType: TileType;
  /** How tiles are stored: `gzip` compresses each tile handed to `addTile` (usual for MVT). */
  readonly tileCompression: Compression;
  /** [west, south, east, north] in degrees. */
  readonly bounds: readonly [number, number, number, number];
  /** Zoom range of the header; by default the zooms of the tiles written. */
  readonly minZoom?: number;
  readonly maxZoom?: number;
  /** [lon, lat, zoom]; by default the centre of the bounds at the minimum zoom. */
  readonly center?: readonly [number, number, number];
  /** The JSON metadata (for MVT, `vector_layers` describes the layers). */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Folder of the temporary tile data file (default: the OS temp folder). */
  readonly tempDir?: string;
}

export interface PmtilesSummary {
  readonly bytes: number;
  readonly addressedTiles: number;
  readonly tileEntries: number;
  readonly tileContents: number;
  readonly leafDirectories: number;
  readonly minZoom: number;
  readonly maxZoom: number;
}

const gzip = (bytes: Uint8Array): Uint8Array => gzipSync(bytes);
/** New contents are gathered up to this many bytes before they go to the temporary file. */
const FLUSH_BYTES = 1 << 20;

export class PmtilesWriter {
  private readonly entries: Entry[] = [];
  /** Content hash → where those bytes are in the tile data. */
  private readonly contents = new Map<string, { offset: number; length: number }>();
  private dataLength = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Writes to the temporary file, one after another (concurrent appends could land out of order). */
  private flushed: Promise<void> = Promise.resolve();
  private readonly tileIds = new Set<number>();
  private zooms = { min: Infinity, max: -Infinity };

  private constructor(
    private readonly options: PmtilesOptions,
    private readonly dir: string,
    private readonly data: FileHandle,
  ) {}

  static async create(options: PmtilesOptions): Promise<PmtilesWriter> {
    const dir = await mkdtemp(path.join(options.tempDir ?? tmpdir(), 'pmtiles-'));
    return new PmtilesWriter(options, dir, await open(path.join(dir, 'tiles.bin'), 'w'));
  }

  /** Adds tile z/x/y (once); an empty tile is not stored — readers find no tile there. */
  async addTile(tile: TileAddress, bytes: Uint8Array): Promise<void> {
    const tileId = zxyToTileId(tile.z, tile.x, tile.y);
    if (this.tileIds.has(tileId))
      throw new ValidationError(`PMTiles tile ${tile.z}/${tile.x}/${tile.y} was added twice`, { ...tile });
    this.tileIds.add(tileId);
    if (bytes.length === 0) return;
    this.zooms = { min: Math.min(this.zooms.min, tile.z), max: Math.max(this.zooms.max, tile.z) };
    const hash = createHash('sha256').update(bytes).digest('base64');
    let content = this.contents.get(hash);
    if (!content) {
      const stored = this.options.tileCompression === 'gzip' ? gzip(bytes) : bytes;
      content = { offset: this.dataLength, length: stored.length };
      this.contents.set(hash, content);
      this.dataLength += stored.length;
      this.pending.push(stored);
      this.pendingBytes += stored.length;
      if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
    }
    this.entries.push({ tileId, offset: content.offset, length: content.length, runLength: 1 });
  }

  private flush(): Promise<void> {
    const chunks = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    this.flushed = this.flushed.then(async () => {
      if (chunks.length > 0) await this.data.writev(chunks);
    });
    return this.flushed;
  }

  /**
   * The entries in tile-id order with runs merged, and the tile data laid out in that order: each
   * content at its first tile, `moves` saying where each one is in the temporary file.
   */
  private clustered() {
    const sorted = [...this.entries].sort((a, b) => a.tileId - b.tileId);
    const placed = new Map<number, number>();
    const moves: { from: number; length: number }[] = [];
    let dataLength = 0;
    const entries: Entry[] = [];
    for (const entry of sorted) {
      let offset = placed.get(entry.offset);
      if (offset === undefined) {
        offset = dataLength;
        placed.set(entry.offset, offset);
        moves.push({ from: entry.offset, length: entry.length });
        dataLength += entry.length;
      }
      const last = entries.at(-1);
      if (last && last.offset === offset && last.tileId + last.runLength === entry.tileId) last.runLength++;
      else entries.push({ tileId: entry.tileId, offset, length: entry.length, runLength: 1 });
    }
    return { entries, moves };
  }

  /** Appends the temporary file's contents to `file` in the order of `moves`, a few MiB at a time. */
  private async copyData(file: string, moves: readonly { from: number; length: number }[]): Promise<void> {
    const source = await open(path.join(this.dir, 'tiles.bin'), 'r');
    const target = await open(file, 'a');
    try {
      for (let i = 0; i < moves.length;) {
        const batch: Uint8Array[] = [];
        let bytes = 0;
        for (; i < moves.length && bytes < FLUSH_BYTES * 4; i++) {
          const { from, length } = moves[i]!;
          const buffer = Buffer.allocUnsafe(length);
          await source.read(buffer, 0, length, from);
          batch.push(buffer);
          bytes += length;
        }
        await target.writev(batch);
      }
    } finally {
      await source.close();
      await target.close();
    }
  }

  /** Writes the archive to `file` and removes the temporary data. */
  async finish(file: string): Promise<PmtilesSummary> {
    await this.flush();
    await this.data.close();
    try {
      const { entries, moves } = this.clustered();
      const { root, leaves, leafCount } = buildDirectories(entries, gzip);
      const metadata = gzip(new TextEncoder().encode(JSON.stringify(this.options.metadata)));
      const minZoom = this.options.minZoom ?? (Number.isFinite(this.zooms.min) ? this.zooms.min : 0);
      const maxZoom = this.options.maxZoom ?? (Number.isFinite(this.zooms.max) ? this.zooms.max : 0);
      const [w, s, e, n] = this.options.bounds;
      const rootOffset = HEADER_BYTES;
      const metadataOffset = rootOffset + root.length;
      const leavesOffset = metadataOffset + metadata.length;
      const dataOffset = leavesOffset + leaves.length;
      const addressedTiles = entries.reduce((sum, entry) => sum + entry.runLength, 0);
      const header = headerBytes({
        rootDirectory: { offset: rootOffset, length: root.length },
        metadata: { offset: metadataOffset, length: metadata.length },
        leafDirectories: { offset: leavesOffset, length: leaves.length },
        tileData: { offset: dataOffset, length: this.dataLength },
        addressedTiles,
        tileEntries: entries.length,
        tileContents: this.contents.size,
        clustered: true,
        internalCompression: 'gzip',
        tileCompression: this.options.tileCompression,
        tileType: this.options.tileType,
        minZoom,
        maxZoom,
        bounds: [w, s, e, n],
        center: this.options.center ?? [(w + e) / 2, (s + n) / 2, minZoom],
      });
      await writeFile(file, Buffer.concat([header, root, metadata, leaves]));
      await this.copyData(file, moves);
      return {
        bytes: dataOffset + this.dataLength,
        addressedTiles,
        tileEntries: entries.length,
        tileContents: this.contents.size,
        leafDirectories: leafCount,
        minZoom,
        maxZoom,
      };
    } finally {
      await rm(this.dir, { recursive: true, force: true });
    }
  }

  /** Drops the temporary data without writing an archive. */
  async abort(): Promise<void> {
    await this.flushed.catch(() => undefined);
    await this.data.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
