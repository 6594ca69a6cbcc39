import { describe, expect, it } from 'vitest';
import { checkFile, looksLikeTiff } from './file.checks.ts';

describe('file checks', () => {
  it('knows TIFF and BigTIFF in both byte orders (TIFF 6.0 §2, BigTIFF: version 43)', () => {
    expect(looksLikeTiff(Uint8Array.of(0x49, 0x49, 42, 0))).toBe(true);
    expect(looksLikeTiff(Uint8Array.of(0x4d, 0x4d, 0, 42))).toBe(true);
    expect(looksLikeTiff(Uint8Array.of(0x49, 0x49, 43, 0))).toBe(true);
    expect(looksLikeTiff(Uint8Array.of(0x4d, 0x4d, 0, 43))).toBe(true);
  });

  it('refuses a JPEG, a mixed byte order and a short file', () => {
    expect(looksLikeTiff(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0))).toBe(false);
    expect(looksLikeTiff(Uint8Array.of(0x49, 0x49, 0, 42))).toBe(false);
    expect(looksLikeTiff(Uint8Array.of(0x49, 0x49))).toBe(false);
  });

  it('reads only the head of a Blob', async () => {
    expect(await checkFile(new Blob([]))).toBe('empty');
    expect(await checkFile(new Blob([Uint8Array.of(0x49, 0x49, 42, 0, 8, 0, 0, 0)]))).toBeNull();
    expect(await checkFile(new Blob(['GIF89a']))).toBe('notTiff');
  });
});
