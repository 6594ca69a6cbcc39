import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON, runOk } from '../testing/gdal.ts';
import { crc32, zipStore } from './zip.store.ts';

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
});
