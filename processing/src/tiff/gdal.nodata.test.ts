import { describe, expect, it } from 'vitest';
import { parseGdalNoData } from './gdal.nodata.ts';

describe('parseGdalNoData', () => {
  it('keeps values the sample format can hold', () => {
    expect(parseGdalNoData('0', 'uint8')).toBe(0);
    expect(parseGdalNoData('255', 'uint8')).toBe(255);
    expect(parseGdalNoData('65535', 'uint16')).toBe(65535);
    expect(parseGdalNoData('-32768', 'int16')).toBe(-32768);
    expect(parseGdalNoData(' -9999 ', 'float32')).toBe(-9999);
    expect(parseGdalNoData('nan', 'float32')).toBeNaN();
    expect(parseGdalNoData('-inf', 'float32')).toBe(-Infinity);
    // GDAL's float32 minimum, and 0.1 as the float32 stored in the file.
    expect(parseGdalNoData('-3.4028234663852886e+38', 'float32')).toBe(-3.4028234663852886e38);
    expect(parseGdalNoData('0.1', 'float32')).toBe(Math.fround(0.1));
  });

  it('drops values the format cannot hold (Pix4D writes -10000 in uint8 files)', () => {
    expect(parseGdalNoData('-10000', 'uint8')).toBeNull();
    expect(parseGdalNoData('256', 'uint8')).toBeNull();
    expect(parseGdalNoData('0.5', 'uint16')).toBeNull();
    expect(parseGdalNoData('40000', 'int16')).toBeNull();
    expect(parseGdalNoData('nan', 'uint8')).toBeNull();
    expect(parseGdalNoData('1e39', 'float32')).toBeNull();
  });

  it('ignores an absent or unreadable tag', () => {
    expect(parseGdalNoData(null, 'uint8')).toBeNull();
    expect(parseGdalNoData('', 'float32')).toBeNull();
    expect(parseGdalNoData('none', 'uint8')).toBeNull();
  });
});
