/**
 * Refusals from the header, on crafted bytes (no GDAL needed): each bad input with its message.
 */
import { describe, expect, it } from 'vitest';
import { UnsupportedRasterError, ValidationError } from '../errors.ts';
import { openTiff } from './open.tiff.ts';
import { memorySource } from './testing/memory.source.ts';
import { type CraftTag, craftTiff, dataOffset, geoTags, stripTags } from './testing/tiff.builder.ts';
import { FieldType, Tag } from './tiff.tags.ts';

const rgb = (width: number, height: number, extra: CraftTag[] = []): CraftTag[] => [
  ...stripTags(width, height, 3, dataOffset()),
  ...geoTags(32648),
  ...extra,
];

function replace(tags: CraftTag[], ...changes: CraftTag[]): CraftTag[] {
  return [...tags.filter((t) => !changes.some((c) => c.tag === t.tag)), ...changes];
}

async function refusal(bytes: Uint8Array): Promise<Error> {
  try {
    await openTiff(memorySource(bytes));
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('the file was accepted');
}

describe('openTiff refuses from the header', () => {
  it('a PNG renamed .tif', async () => {
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const error = await refusal(png);
    expect(error).toBeInstanceOf(UnsupportedRasterError);
    expect(error).toMatchObject({
      code: 'not_a_tiff',
      message: 'not a TIFF file (magic bytes 89 50 4E 47, a PNG image)',
    });
  });

  it('an empty file', async () => {
    expect(await refusal(new Uint8Array(0))).toMatchObject({
      code: 'not_a_tiff',
      message: 'not a TIFF file: the file is empty (0 bytes)',
    });
  });

  it('a 4 KB file that declares 200000×200000 px, reading nothing but its first 4 KB', async () => {
    const tiles = Math.ceil(200000 / 512) ** 2;
    const tags: CraftTag[] = [
      { tag: Tag.ImageWidth, type: FieldType.Long, values: [200000] },
      { tag: Tag.ImageLength, type: FieldType.Long, values: [200000] },
      { tag: Tag.BitsPerSample, type: FieldType.Short, values: [8, 8, 8] },
      { tag: Tag.SamplesPerPixel, type: FieldType.Short, values: [3] },
      { tag: Tag.Compression, type: FieldType.Short, values: [8] },
      { tag: Tag.TileWidth, type: FieldType.Short, values: [512] },
      { tag: Tag.TileLength, type: FieldType.Short, values: [512] },
      { tag: Tag.TileOffsets, type: FieldType.Long, values: [0, 0], count: tiles },
      { tag: Tag.TileByteCounts, type: FieldType.Long, values: [0, 0], count: tiles },
      ...geoTags(32648),
    ];
    const bytes = craftTiff({ ifds: [{ tags }], padTo: 4096 });
    expect(bytes.length).toBe(4096);
    const source = memorySource(bytes);
    const error = await openTiff(source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedRasterError);
    expect(error).toMatchObject({ code: 'raster_too_large' });
    expect(String(error)).toContain(
      'declares 200000×200000 px × 3 bands (120000000000 samples), above the limit of 40000000000',
    );
    expect(source.fetches).toEqual([[0, 4096]]);
  });

  it('the size limit is configurable', async () => {
    const bytes = craftTiff({ data: new Uint8Array(300), ifds: [{ tags: rgb(10, 10) }] });
    await expect(openTiff(memorySource(bytes), { limits: { maxSamples: 299 } })).rejects.toThrow(
      'IFD 0 declares 10×10 px × 3 bands (300 samples), above the limit of 299',
    );
    await expect(openTiff(memorySource(bytes), { limits: { maxSamples: 300 } })).resolves.toBeDefined();
  });

  it('SamplesPerPixel 65529', async () => {
    const tags = replace(rgb(2, 2), { tag: Tag.SamplesPerPixel, type: FieldType.Short, values: [65529] });
    expect(await refusal(craftTiff({ ifds: [{ tags }] }))).toMatchObject({
      code: 'raster_too_large',
      message: 'IFD 0 declares SamplesPerPixel 65529, above the limit of 64',
    });
  });

  it('an IFD loop', async () => {
    const error = await refusal(
      craftTiff({ data: new Uint8Array(12), ifds: [{ tags: rgb(2, 2) }, { tags: rgb(1, 1), loopTo: 0 }] }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('IFD loop: IFD 1 points back to IFD 0 at offset 20');
  });

  it('a truncated file: the strip outside the file is named', async () => {
    const tags = replace(rgb(100, 100), { tag: Tag.StripOffsets, type: FieldType.Long, values: [9000] });
    const error = await refusal(craftTiff({ ifds: [{ tags }] }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(
      /^strip 0 of IFD 0 \(bytes 9000–39000\) is outside the file of \d+ bytes: truncated file$/,
    );
  });

  it('a truncated file: the tile outside the file is named by row and column', async () => {
    const tags: CraftTag[] = [
      { tag: Tag.ImageWidth, type: FieldType.Long, values: [32] },
      { tag: Tag.ImageLength, type: FieldType.Long, values: [32] },
      { tag: Tag.BitsPerSample, type: FieldType.Short, values: [8] },
      { tag: Tag.TileWidth, type: FieldType.Short, values: [16] },
      { tag: Tag.TileLength, type: FieldType.Short, values: [16] },
      { tag: Tag.TileOffsets, type: FieldType.Long, values: [8, 8, 8, 400] },
      { tag: Tag.TileByteCounts, type: FieldType.Long, values: [1, 1, 1, 256] },
      ...geoTags(32648),
    ];
    const bytes = craftTiff({ ifds: [{ tags }] });
    expect((await refusal(bytes)).message).toBe(
      `tile 3 (row 1, column 1) of IFD 0 (bytes 400–656) is outside the file of ${bytes.length} bytes: truncated file`,
    );
  });

  it('no georeferencing', async () => {
    const tags = stripTags(2, 2, 3, dataOffset());
    expect(await refusal(craftTiff({ data: new Uint8Array(12), ifds: [{ tags }] }))).toMatchObject({
      code: 'no_georeferencing',
      message: 'no georeferencing: neither ModelTiepoint+ModelPixelScale nor ModelTransformation',
    });
  });

  it('a CRS outside the registry', async () => {
    const tags = [...stripTags(2, 2, 3, dataOffset()), ...geoTags(2000)];
    const error = await refusal(craftTiff({ data: new Uint8Array(12), ifds: [{ tags }] }));
    expect(error).toMatchObject({ code: 'unsupported_crs' });
    expect(error.message).toMatch(
      /^CRS EPSG:2000 is not supported \(supported: EPSG:4326, 3857, 32601–32660/,
    );
  });

  it('sample formats other than uint8, uint16, int16, float32, by name', async () => {
    const cases: Array<[number, number, string]> = [
      [3, 64, 'float64'],
      [2, 8, 'int8'],
      [1, 32, 'uint32'],
      [2, 32, 'int32'],
      [6, 64, 'complex float64'],
    ];
    for (const [format, bits, name] of cases) {
      const tags = replace(
        rgb(2, 2),
        { tag: Tag.BitsPerSample, type: FieldType.Short, values: [bits, bits, bits] },
        { tag: Tag.SampleFormat, type: FieldType.Short, values: [format, format, format] },
      );
      expect(await refusal(craftTiff({ data: new Uint8Array(200), ifds: [{ tags }] }))).toMatchObject({
        code: 'unsupported_format',
        message: `IFD 0: sample format ${name} is not supported (uint8, uint16, int16, float32 only)`,
      });
    }
  });

  it('codecs it does not decode, by name', async () => {
    const tags = replace(rgb(2, 2), { tag: Tag.Compression, type: FieldType.Short, values: [7] });
    expect((await refusal(craftTiff({ data: new Uint8Array(12), ifds: [{ tags }] }))).message).toBe(
      'IFD 0: compression JPEG (7) is not supported (none, LZW, Deflate, PackBits only)',
    );
  });

  it('too few strip offsets for the declared size', async () => {
    const tags = replace(rgb(4, 4), { tag: Tag.RowsPerStrip, type: FieldType.Long, values: [1] });
    expect((await refusal(craftTiff({ data: new Uint8Array(48), ifds: [{ tags }] }))).message).toBe(
      'IFD 0 StripOffsets (273) has 1 values, 4 blocks expected',
    );
  });

  it('a strip that would decode beyond the block limit', async () => {
    const bytes = craftTiff({ data: new Uint8Array(300), ifds: [{ tags: rgb(10, 10) }] });
    await expect(openTiff(memorySource(bytes), { limits: { maxBlockBytes: 299 } })).rejects.toThrow(
      'IFD 0: one strip of 10×10 px decodes to 300 bytes, above the limit of 299',
    );
  });
});

describe('openTiff on a valid crafted file', () => {
  it('reads the header and the IFD, not the pixels, to validate it', async () => {
    const data = new Uint8Array(300 * 200 * 3);
    const source = memorySource(craftTiff({ data, ifds: [{ tags: rgb(300, 200) }] }));
    const tiff = await openTiff(source);
    expect(tiff.info).toMatchObject({
      width: 300,
      height: 200,
      bands: 3,
      sampleFormat: 'uint8',
      noData: null,
      alphaBand: null,
    });
    // The head, then one chunk from the IFD (written after the pixels) to the end of the file.
    expect(source.fetches).toEqual([
      [0, 64 * 1024],
      [dataOffset() + data.length, source.size - dataOffset() - data.length],
    ]);
  });

  it('reads the same uint16 pixels from classic and BigTIFF files in both byte orders', async () => {
    const values = [1, 258, 65535, 4660, 0, 43981];
    for (const bigTiff of [false, true]) {
      for (const littleEndian of [false, true]) {
        const data = new Uint8Array(values.length * 2);
        values.forEach((v, i) => new DataView(data.buffer).setUint16(i * 2, v, littleEndian));
        const tags = replace(
          stripTags(3, 2, 1, dataOffset(bigTiff)),
          { tag: Tag.BitsPerSample, type: FieldType.Short, values: [16] },
          { tag: Tag.StripByteCounts, type: FieldType.Long, values: [12] },
        );
        const bytes = craftTiff({
          bigTiff,
          littleEndian,
          data,
          ifds: [{ tags: [...tags, ...geoTags(32648)] }],
        });
        const tiff = await openTiff(memorySource(bytes));
        expect(tiff.header).toMatchObject({ bigTiff, littleEndian });
        const block = await tiff.reader().readWindow({ x: 0, y: 0, width: 3, height: 2 });
        expect(block.data).toBeInstanceOf(Uint16Array);
        expect(Array.from(block.data)).toEqual(values);
      }
    }
  });
});
