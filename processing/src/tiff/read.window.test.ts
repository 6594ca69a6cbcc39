/**
 * Windowed reads on crafted files, values computed by hand: nodata masks, empty, invalid and
 * oversized windows, windows beyond the image, sparse strips and unknown levels.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { openTiff } from './open.tiff.ts';
import { memorySource } from './testing/memory.source.ts';
import { type CraftTag, craftTiff, dataOffset, geoTags, stripTags } from './testing/tiff.builder.ts';
import { FieldType, Tag } from './tiff.tags.ts';

/** A 3×2 image with 2 bands: pixel p holds (p, 10 + p), except where `cells` says otherwise. */
function twoBands(extra: CraftTag[] = [], cells: Record<number, [number, number]> = {}) {
  const data = new Uint8Array(12);
  for (let p = 0; p < 6; p++) data.set(cells[p] ?? [p, 10 + p], p * 2);
  return openTiff(
    memorySource(
      craftTiff({
        data,
        ifds: [{ tags: [...stripTags(3, 2, 2, dataOffset()), ...geoTags(32648), ...extra] }],
      }),
    ),
  );
}

const noData = (v: string): CraftTag => ({ tag: Tag.GdalNoData, type: FieldType.Ascii, values: v });

describe('readWindow', () => {
  it('returns pixel-interleaved samples and no mask when every pixel is valid', async () => {
    const block = await (await twoBands()).reader().readWindow({ x: 1, y: 0, width: 2, height: 2 });
    expect(block).toMatchObject({ width: 2, height: 2, bands: 2, mask: null });
    expect(Array.from(block.data)).toEqual([1, 11, 2, 12, 4, 14, 5, 15]);
  });

  it('masks a pixel only when every band holds the nodata value', async () => {
    const tiff = await twoBands([noData('7')], { 1: [7, 7], 2: [7, 3], 4: [3, 7] });
    expect(tiff.info.noData).toBe(7);
    const block = await tiff.reader().readWindow({ x: 0, y: 0, width: 3, height: 2 });
    expect(Array.from(block.mask ?? [])).toEqual([255, 0, 255, 255, 255, 255]);
  });

  it('masks by the alpha band (ExtraSamples 2) rather than by nodata', async () => {
    const alpha: CraftTag = { tag: Tag.ExtraSamples, type: FieldType.Short, values: [2] };
    const tiff = await twoBands([alpha, noData('0')], { 0: [0, 0], 3: [9, 0], 5: [0, 200] });
    expect(tiff.info).toMatchObject({ alphaBand: 1, bandNames: ['other', 'alpha'] });
    const block = await tiff.reader().readWindow({ x: 0, y: 0, width: 3, height: 2 });
    expect(Array.from(block.mask ?? [])).toEqual([0, 255, 255, 0, 255, 255]);
  });

  it('reads pixels outside the image as 0 and invalid', async () => {
    const block = await (await twoBands()).reader().readWindow({ x: -1, y: 1, width: 3, height: 2 });
    expect(Array.from(block.data)).toEqual([0, 0, 3, 13, 4, 14, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(block.mask ?? [])).toEqual([0, 255, 255, 0, 0, 0]);
    const away = await (await twoBands()).reader().readWindow({ x: 10, y: 10, width: 2, height: 1 });
    expect(Array.from(away.mask ?? [])).toEqual([0, 0]);
  });

  it('reads into a recycled buffer as into a new one, zeros outside the image included', async () => {
    const into = new ArrayBuffer(64);
    new Uint8Array(into).fill(99);
    const block = await (await twoBands()).reader().readWindow({ x: -1, y: 1, width: 3, height: 2 }, into);
    expect(block.data.buffer).toBe(into);
    expect(Array.from(block.data)).toEqual([0, 0, 3, 13, 4, 14, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(block.mask ?? [])).toEqual([0, 255, 255, 0, 0, 0]);
    // Too small a buffer is left alone: the block gets its own.
    const small = new ArrayBuffer(4);
    const own = await (await twoBands()).reader().readWindow({ x: 0, y: 0, width: 3, height: 2 }, small);
    expect(own.data.buffer).not.toBe(small);
    expect(Array.from(own.data)).toEqual([0, 10, 1, 11, 2, 12, 3, 13, 4, 14, 5, 15]);
  });

  it('returns an empty block for an empty window', async () => {
    const block = await (await twoBands()).reader().readWindow({ x: 1, y: 1, width: 0, height: 5 });
    expect(block).toMatchObject({ width: 0, height: 5, bands: 2, mask: null });
    expect(block.data).toHaveLength(0);
  });

  it('refuses invalid and oversized windows and unknown levels', async () => {
    const tiff = await twoBands();
    await expect(tiff.reader().readWindow({ x: 0.5, y: 0, width: 1, height: 1 })).rejects.toThrow(
      ValidationError,
    );
    await expect(tiff.reader().readWindow({ x: 0, y: 0, width: -1, height: 1 })).rejects.toThrow(
      'invalid window x=0 y=0 width=-1 height=1',
    );
    const small = await openTiff(
      memorySource(
        craftTiff({
          data: new Uint8Array(12),
          ifds: [{ tags: [...stripTags(3, 2, 2, dataOffset()), ...geoTags(32648)] }],
        }),
      ),
      { limits: { maxWindowPixels: 4 } },
    );
    await expect(small.reader().readWindow({ x: 0, y: 0, width: 3, height: 2 })).rejects.toThrow(
      'window of 3×2 px is above the read limit of 4 px',
    );
    expect(() => tiff.reader(1)).toThrow('level 1 of 1 requested (0 is full resolution)');
  });

  it('reads a sparse strip (offset and size 0) as the nodata value, like GDAL', async () => {
    const sparse: CraftTag[] = [
      { tag: Tag.StripOffsets, type: FieldType.Long, values: [0] },
      { tag: Tag.StripByteCounts, type: FieldType.Long, values: [0] },
      noData('9'),
    ];
    const tags = [
      ...stripTags(3, 2, 2, dataOffset()).filter(
        (t) => t.tag !== Tag.StripOffsets && t.tag !== Tag.StripByteCounts,
      ),
      ...geoTags(32648),
      ...sparse,
    ];
    const tiff = await openTiff(memorySource(craftTiff({ ifds: [{ tags }] })));
    const block = await tiff.reader().readWindow({ x: 0, y: 0, width: 3, height: 2 });
    expect(Array.from(block.data)).toEqual(Array<number>(12).fill(9));
    expect(Array.from(block.mask ?? [])).toEqual(Array<number>(6).fill(0));
  });

  it('names the strip that cannot be decoded', async () => {
    const tags = [
      ...stripTags(3, 2, 2, dataOffset()),
      ...geoTags(32648),
      { tag: Tag.Compression, type: FieldType.Short, values: [8] },
    ];
    const tiff = await openTiff(memorySource(craftTiff({ data: new Uint8Array(12), ifds: [{ tags }] })));
    await expect(tiff.reader().readWindow({ x: 0, y: 0, width: 1, height: 1 })).rejects.toThrow(
      /^strip 0 of IFD 0 cannot be decoded: /,
    );
  });

  it('reads internal masks (NewSubfileType 4), 1-bit MSB-first and 8-bit, as 0/255', async () => {
    // Image: 3×2, 1 band at offset 8 (6 bytes); 1-bit mask rows 011 and 101 → 0x60, 0xA0 at 14; 8-bit mask at 16.
    const data = Uint8Array.from([1, 2, 3, 4, 5, 6, 0x60, 0xa0, 0, 1, 255, 0, 7, 0]);
    const mask = (bits: number, offset: number, count: number): CraftTag[] => [
      { tag: Tag.NewSubfileType, type: FieldType.Long, values: [4] },
      ...stripTags(3, 2, 1, offset).filter(
        (t) => t.tag !== Tag.BitsPerSample && t.tag !== Tag.StripByteCounts,
      ),
      { tag: Tag.BitsPerSample, type: FieldType.Short, values: [bits] },
      { tag: Tag.StripByteCounts, type: FieldType.Long, values: [count] },
    ];
    const image = [...stripTags(3, 2, 1, 8), ...geoTags(32648)];
    for (const [bits, offset, count, expected] of [
      [1, 14, 2, [0, 255, 255, 255, 0, 255]],
      [8, 16, 6, [0, 255, 255, 0, 255, 0]],
    ] as const) {
      const tiff = await openTiff(
        memorySource(craftTiff({ data, ifds: [{ tags: image }, { tags: mask(bits, offset, count) }] })),
      );
      expect(tiff.info.hasMask).toBe(true);
      const block = await tiff.reader().readWindow({ x: 0, y: 0, width: 3, height: 2 });
      expect(Array.from(block.data)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(Array.from(block.mask ?? [])).toEqual(expected);
    }
  });
});
