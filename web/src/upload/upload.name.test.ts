import { describe, expect, it } from 'vitest';
import { uploadName } from './upload.manager.ts';

describe('uploadName', () => {
  it('keeps ordinary names, Cyrillic included', () => {
    expect(uploadName('2024.06.01 Өлзийт ортомозайк.tif')).toBe('2024.06.01 Өлзийт ортомозайк.tif');
  });

  it('makes names the server would refuse acceptable', () => {
    expect(uploadName('ortho...final.tif')).toBe('ortho.final.tif');
    expect(uploadName('a/b\\c.tif')).toBe('a_b_c.tif');
    expect(uploadName('   ')).toBe('imagery.tif');
    expect(Array.from(uploadName(`${'ө'.repeat(300)}.tif`))).toHaveLength(255);
  });
});
