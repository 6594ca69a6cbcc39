/**
 * The writer's archives read back by the `pmtiles` package (an independent reader of the spec): header
 * fields, tile bytes at several z/x/y, deduplicated and run-length-encoded tiles, gzip-compressed MVT,
 * leaf directories past 16 k entries, and the raw header bytes checked by hand against spec §3.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PMTiles, TileType, Compression, type RangeResponse, type Source } from 'pmtiles';
import { PmtilesWriter, type PmtilesOptions } from './pmtiles.writer.ts';
import { zxyToTileId } from './tile.id.ts';

/** A pmtiles Source over bytes in memory, as a range reader sees a file. */
class BytesSource implements Source {
  constructor(private readonly bytes: Uint8Array) {}
  getKey(): string {
    return 'memory';
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    return { data: this.bytes.slice(offset, offset + length).buffer };
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pmtiles-test-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const bytesOf = (text: string) => new TextEncoder().encode(text);
const base: PmtilesOptions = {
  tileType: 'png',
  tileCompression: 'none',
  bounds: [100, 45, 101, 46],
  metadata: {},
};

async function write(
  name: string,
  options: Partial<PmtilesOptions>,
  tiles: readonly (readonly [number, number, number, Uint8Array])[],
  order: 'tile id' | 'reversed, at once' = 'tile id',
) {
  const writer = await PmtilesWriter.create({ ...base, ...options, tempDir: dir });
  const id = ([z, x, y]: (typeof tiles)[number]) => zxyToTileId(z, x, y);
  const sorted = [...tiles].sort((a, b) => id(a) - id(b));
  if (order === 'tile id') for (const [z, x, y, bytes] of sorted) await writer.addTile({ z, x, y }, bytes);
  else await Promise.all(sorted.reverse().map(([z, x, y, bytes]) => writer.addTile({ z, x, y }, bytes)));
  const file = path.join(dir, name);
  const summary = await writer.finish(file);
  const raw = new Uint8Array(await readFile(file));
  return { summary, raw, archive: new PMTiles(new BytesSource(raw)) };
}

async function tileText(archive: PMTiles, z: number, x: number, y: number): Promise<string | undefined> {
  const tile = await archive.getZxy(z, x, y);
  return tile ? new TextDecoder().decode(tile.data) : undefined;
}

describe('PmtilesWriter', () => {
  it('writes a header the spec describes and tiles the reader finds', async () => {
    const same = bytesOf('ocean');
    const { summary, raw, archive } = await write(
      'small.pmtiles',
      { minZoom: 0, maxZoom: 3, center: [100.5, 45.5, 2], metadata: { name: 'small' } },
      [
        [0, 0, 0, bytesOf('world')],
        // Zoom 1 in id order: (0,0) (0,1) (1,1) (1,0) — the first three share bytes: one entry, run 3.
        [1, 0, 0, same],
        [1, 0, 1, same],
        [1, 1, 1, same],
        [1, 1, 0, bytesOf('north-east')],
        [2, 3, 3, same],
        [3, 6, 2, bytesOf('deep')],
        [3, 7, 7, new Uint8Array(0)],
      ],
    );
    // Spec §3 by hand: magic, version, little-endian uint64 offsets, int32 degrees × 10^7.
    const view = new DataView(raw.buffer);
    expect(new TextDecoder().decode(raw.subarray(0, 7))).toBe('PMTiles');
    expect(raw[7]).toBe(3);
    expect(Number(view.getBigUint64(8, true))).toBe(127);
    expect(view.getInt32(102, true)).toBe(1_000_000_000);
    expect(view.getInt32(114, true)).toBe(460_000_000);
    expect(Number(view.getBigUint64(56, true)) + Number(view.getBigUint64(64, true))).toBe(raw.length);

    const header = await archive.getHeader();
    expect(header).toMatchObject({
      specVersion: 3,
      clustered: true,
      internalCompression: Compression.Gzip,
      tileCompression: Compression.None,
      tileType: TileType.Png,
      minZoom: 0,
      maxZoom: 3,
      minLon: 100,
      minLat: 45,
      maxLon: 101,
      maxLat: 46,
      centerLon: 100.5,
      centerLat: 45.5,
      centerZoom: 2,
      // 7 non-empty tiles; 5 entries (the run of three is one); 4 distinct contents.
      numAddressedTiles: 7,
      numTileEntries: 5,
      numTileContents: 4,
      leafDirectoryLength: 0,
    });
    // Tile data holds each content once: "world", "ocean", "north-east", "deep".
    expect(header.tileDataLength).toBe(5 + 5 + 10 + 4);
    expect(summary).toMatchObject({ addressedTiles: 7, tileContents: 4, bytes: raw.length });
    expect(await archive.getMetadata()).toEqual({ name: 'small' });

    expect(await tileText(archive, 0, 0, 0)).toBe('world');
    expect(await tileText(archive, 1, 0, 1)).toBe('ocean');
    expect(await tileText(archive, 1, 1, 1)).toBe('ocean');
    expect(await tileText(archive, 1, 1, 0)).toBe('north-east');
    expect(await tileText(archive, 2, 3, 3)).toBe('ocean');
    expect(await tileText(archive, 3, 6, 2)).toBe('deep');
    expect(await tileText(archive, 3, 7, 7)).toBeUndefined();
    expect(await tileText(archive, 2, 0, 0)).toBeUndefined();
  });

  it('gzips MVT tiles and keeps vector_layers in the metadata', async () => {
    const mvt = bytesOf('pretend-protobuf'.repeat(20));
    const vectorLayers = [{ id: 'admin-units', fields: { code: 'String' } }];
    const { raw, archive } = await write(
      'vectors.pmtiles',
      {
        tileType: 'mvt',
        tileCompression: 'gzip',
        metadata: { vector_layers: vectorLayers },
      },
      [[6, 50, 22, mvt]],
    );
    const header = await archive.getHeader();
    expect(header).toMatchObject({ tileType: TileType.Mvt, tileCompression: Compression.Gzip });
    // Stored gzipped (magic 1f 8b, smaller than the repeated input), handed back decompressed.
    expect(raw[header.tileDataOffset]).toBe(0x1f);
    expect(raw[header.tileDataOffset + 1]).toBe(0x8b);
    expect(header.tileDataLength).toBeLessThan(mvt.length);
    expect(new Uint8Array((await archive.getZxy(6, 50, 22))!.data)).toEqual(mvt);
    expect(await archive.getMetadata()).toEqual({ vector_layers: vectorLayers });
  });

  it('moves entries into leaf directories past 16 k entries and keeps the root in the first 16 KiB', async () => {
    // Every tile of zoom 8 (65,536) with its own bytes of hashed length, so the directory cannot compress away.
    const tiles: [number, number, number, Uint8Array][] = [];
    for (let x = 0; x < 256; x++)
      for (let y = 0; y < 256; y++)
        tiles.push([
          8,
          x,
          y,
          bytesOf(`${x}/${y}|`.padEnd(8 + (Math.imul(x * 256 + y, 2654435761) >>> 24), '.')),
        ]);
    const { summary, archive } = await write('leaves.pmtiles', {}, tiles);
    const header = await archive.getHeader();
    expect(header.numTileEntries).toBe(65_536);
    expect(header.leafDirectoryLength).toBeGreaterThan(0);
    expect(summary.leafDirectories).toBeGreaterThan(1);
    expect(header.rootDirectoryOffset + header.rootDirectoryLength).toBeLessThanOrEqual(16_384);
    for (const [x, y] of [
      [0, 0],
      [255, 255],
      [17, 200],
      [128, 3],
      [255, 0],
    ] as const) {
      expect((await tileText(archive, 8, x, y))?.split('|')[0]).toBe(`${x}/${y}`);
    }
  });

  it('writes the same clustered archive whatever order the tiles come in', async () => {
    // Enough distinct 1 kB tiles that the temporary file is written several times while tiles arrive.
    const tiles = Array.from({ length: 3000 }, (_, i) => {
      const bytes = new Uint8Array(1024).fill(i % 251);
      bytes.set(bytesOf(`${i}`));
      return [12, 2000 + (i % 60), 1500 + Math.floor(i / 60), bytes] as const;
    });
    const inOrder = await write('in-order.pmtiles', {}, tiles);
    const reversed = await write('reversed.pmtiles', {}, tiles, 'reversed, at once');
    expect(Buffer.compare(reversed.raw, inOrder.raw)).toBe(0);
    expect((await reversed.archive.getHeader()).clustered).toBe(true);
    const tile = new Uint8Array((await reversed.archive.getZxy(12, 2000 + 17, 1500 + 33))!.data);
    expect([tile.length, new TextDecoder().decode(tile.subarray(0, 4)), tile[4]]).toEqual([
      1024,
      '1997',
      1997 % 251,
    ]);
  });

  it('refuses a tile added twice, naming it', async () => {
    const writer = await PmtilesWriter.create({ ...base, tempDir: dir });
    await writer.addTile({ z: 1, x: 1, y: 0 }, bytesOf('a'));
    await expect(writer.addTile({ z: 1, x: 1, y: 0 }, bytesOf('b'))).rejects.toThrow(
      /tile 1\/1\/0 was added twice/,
    );
    await writer.abort();
  });
});
