import { describe, expect, it } from 'vitest';
import { UnsupportedRasterError, ValidationError } from '../errors.ts';
import { parseTiffHeader } from './tiff.header.ts';

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

describe('parseTiffHeader', () => {
  it('reads classic little-endian and big-endian headers (TIFF 6.0 §2)', () => {
    expect(parseTiffHeader(Uint8Array.from([0x49, 0x49, 42, 0, 8, 0, 0, 0]), 100)).toEqual({
      littleEndian: true,
      bigTiff: false,
      firstIfdOffset: 8,
      fileSize: 100,
    });
    expect(parseTiffHeader(Uint8Array.from([0x4d, 0x4d, 0, 42, 0, 0, 1, 0]), 1000)).toMatchObject({
      littleEndian: false,
      firstIfdOffset: 256,
    });
  });

  it('reads BigTIFF headers in both byte orders (8-byte offsets)', () => {
    const le = Uint8Array.from([0x49, 0x49, 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0]);
    const be = Uint8Array.from([0x4d, 0x4d, 0, 43, 0, 8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(parseTiffHeader(le, 100)).toMatchObject({ bigTiff: true, littleEndian: true, firstIfdOffset: 16 });
    expect(parseTiffHeader(be, 2 ** 33)).toMatchObject({
      bigTiff: true,
      littleEndian: false,
      firstIfdOffset: 2 ** 32,
    });
  });

  it('refuses a PNG renamed .tif by its magic bytes', () => {
    const refuse = () => parseTiffHeader(PNG, 4096);
    expect(refuse).toThrow(UnsupportedRasterError);
    expect(refuse).toThrow('not a TIFF file (magic bytes 89 50 4E 47, a PNG image)');
  });

  it('refuses other files naming their first bytes', () => {
    expect(() => parseTiffHeader(Uint8Array.from([0x42, 0x4d, 0x36, 0x00, 1, 2, 3, 4]), 8)).toThrow(
      'not a TIFF file (magic bytes 42 4D 36 00)',
    );
    // Right byte-order mark, wrong version.
    expect(() => parseTiffHeader(Uint8Array.from([0x49, 0x49, 41, 0, 8, 0, 0, 0]), 8)).toThrow(
      'magic bytes 49 49 29 00',
    );
  });

  it('refuses an empty file', () => {
    expect(() => parseTiffHeader(new Uint8Array(0), 0)).toThrow(
      'not a TIFF file: the file is empty (0 bytes)',
    );
  });

  it('refuses a header cut short', () => {
    const refuse = () => parseTiffHeader(Uint8Array.from([0x49, 0x49, 43, 0, 8, 0]), 6);
    expect(refuse).toThrow(ValidationError);
    expect(refuse).toThrow('truncated TIFF header: the file has 6 bytes, the header needs 16');
  });

  it('refuses a BigTIFF header with another offset size', () => {
    const head = Uint8Array.from([0x49, 0x49, 43, 0, 4, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => parseTiffHeader(head, 100)).toThrow('BigTIFF header declares 4-byte offsets');
  });
});
