import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON, runOk } from '../testing/gdal.ts';
import { crc32, zipStore, zipStoreChunks } from './zip.store.ts';

describe('zipStore', () => {
  it('computes the CRC-32 check value', () => {
    // the standard check value of CRC-32/ISO-HDLC for the ASCII string "123456789"
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it("is read back by Python's zipfile with valid CRCs", () => {
    const bytes = zipStore([
      { name: 'a.txt', data: new TextEncoder().encode('hello') },
      { name: 'dir/b.bin', data: Uint8Array.from([0, 255, 1, 254]) },
      { name: 'empty', data: new Uint8Array(0) },
    ]);
    const script = `
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({'bad': z.testzip(), 'files': [[i.filename, i.compress_type, list(z.read(i))] for i in z.infolist()]}))
`;
    const file = join(mkdtempSync(join(tmpdir(), 'belcheer-zip-')), 'test.zip');
    writeFileSync(file, bytes);
    const out = JSON.parse(runOk(PYTHON, ['-c', script, file]));
    expect(out).toEqual({
      bad: null,
      files: [
        ['a.txt', 0, [104, 101, 108, 108, 111]],
        ['dir/b.bin', 0, [0, 255, 1, 254]],
        ['empty', 0, []],
      ],
    });
  });

  it('streams the data arrays themselves between headers, and the same bytes as zipStore', () => {
    const entries = [
      { name: 'a.txt', data: new TextEncoder().encode('hello') },
      { name: 'b', data: Uint8Array.from([1, 2]) },
    ];
    const chunks = [...zipStoreChunks(entries)];
    // local header 30 + name, data, local header, data, central directory (46 + name each) + end (22)
    expect(chunks.map((c) => c.length)).toEqual([35, 5, 31, 2, 51 + 47 + 22]);
    expect(chunks[1]).toBe(entries[0]!.data);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(zipStore(entries)));
  });
});
