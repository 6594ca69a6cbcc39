import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { TiffByteReader } from './byte.reader.ts';
import { readIfdChain } from './ifd.chain.ts';
import { memorySource } from './testing/memory.source.ts';
import { craftTiff } from './testing/tiff.builder.ts';
import { parseTiffHeader } from './tiff.header.ts';
import { DEFAULT_TIFF_LIMITS, type TiffLimits } from './tiff.limits.ts';
import { FieldType, Tag } from './tiff.tags.ts';

async function chain(bytes: Uint8Array, limits: TiffLimits = DEFAULT_TIFF_LIMITS) {
  const source = memorySource(bytes);
  const reader = await TiffByteReader.open(source);
  return readIfdChain(reader, parseTiffHeader(reader.headBytes, source.size), limits);
}

const width = (w: number) => ({ tag: Tag.ImageWidth, type: FieldType.Long, values: [w] });

describe('readIfdChain', () => {
  it('follows the chain in classic and BigTIFF files of both byte orders', async () => {
    for (const bigTiff of [false, true]) {
      for (const littleEndian of [false, true]) {
        const bytes = craftTiff({
          bigTiff,
          littleEndian,
          ifds: [{ tags: [width(10)] }, { tags: [width(5)] }],
        });
        const ifds = await chain(bytes);
        expect(ifds.map((i) => i.index)).toEqual([0, 1]);
        expect(ifds[1]?.entries.get(Tag.ImageWidth)).toMatchObject({ type: FieldType.Long, count: 1 });
      }
    }
  });

  it('detects an IFD loop', async () => {
    const bytes = craftTiff({ ifds: [{ tags: [width(10)] }, { tags: [width(5)], loopTo: 0 }] });
    await expect(chain(bytes)).rejects.toThrow(ValidationError);
    await expect(chain(bytes)).rejects.toThrow(/IFD loop: IFD 1 points back to IFD 0 at offset 8/);
  });

  it('detects an IFD pointing to itself', async () => {
    const bytes = craftTiff({ ifds: [{ tags: [width(10)], loopTo: 0 }] });
    await expect(chain(bytes)).rejects.toThrow('IFD loop: IFD 0 points back to IFD 0');
  });

  it('bounds the number of IFDs', async () => {
    const ifds = Array.from({ length: 5 }, () => ({ tags: [width(1)] }));
    await expect(chain(craftTiff({ ifds }), { ...DEFAULT_TIFF_LIMITS, maxIfds: 4 })).rejects.toThrow(
      'the TIFF has more than 4 IFDs',
    );
  });

  it('bounds the entries of an IFD', async () => {
    const bytes = craftTiff({ ifds: [{ tags: [width(1)] }] });
    new DataView(bytes.buffer).setUint16(8, 60000, true); // entry count of IFD 0
    await expect(chain(bytes)).rejects.toThrow(
      'IFD 0 at offset 8 declares 60000 entries, above the limit of 1024',
    );
  });

  it('refuses an IFD outside the file', async () => {
    const bytes = craftTiff({ ifds: [{ tags: [width(1)] }] });
    new DataView(bytes.buffer).setUint32(4, 5000, true);
    await expect(chain(bytes)).rejects.toThrow(
      `IFD 0 at offset 5000 (bytes 5000–5002) is outside the file of ${bytes.length} bytes`,
    );
  });

  it('bounds the size of a known tag value before reading it', async () => {
    const huge = { tag: Tag.TileOffsets, type: FieldType.Long8, values: [1, 2], count: 2 ** 40 };
    const bytes = craftTiff({ bigTiff: true, ifds: [{ tags: [width(1), huge] }] });
    await expect(chain(bytes)).rejects.toThrow(
      `IFD 0 TileOffsets (324) declares ${2 ** 40} values (${2 ** 43} bytes), above the limit of 67108864 bytes`,
    );
  });

  it('skips unknown tags and field types without reading them', async () => {
    const unknown = { tag: 50000, type: FieldType.Long, values: [1, 2, 3], count: 2 ** 31 };
    const oddType = { tag: 50001, type: 99, values: [1] };
    const [ifd] = await chain(craftTiff({ ifds: [{ tags: [width(7), unknown, oddType] }] }));
    expect(ifd?.entries.has(50000)).toBe(true);
    expect(ifd?.entries.has(50001)).toBe(false);
  });
});
