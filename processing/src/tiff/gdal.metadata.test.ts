import { describe, expect, it } from 'vitest';
import { bandNames } from './band.names.ts';
import { parseGdalMetadata } from './gdal.metadata.ts';

// In the form the GDAL GTiff driver writes (hand-written: 5 bands, a scale and offset on band 5).
const XML = `<GDALMetadata>
  <Item name="AREA_OR_POINT">Area</Item>
  <Item name="DESCRIPTION" sample="0" role="description">blue</Item>
  <Item name="DESCRIPTION" sample="1" role="description">Green</Item>
  <Item name="DESCRIPTION" sample="3" role="description">Red Edge</Item>
  <Item name="COLORINTERP" sample="2" role="colorinterp">Red</Item>
  <Item name="DESCRIPTION" sample="4" role="description">NIR &amp; more</Item>
  <Item name="SCALE" sample="4" role="scale">0.0001</Item>
  <Item name="OFFSET" sample="4" role="offset">-0.5</Item>
</GDALMetadata>`;

describe('parseGdalMetadata', () => {
  it('reads per-band description, scale, offset and colour interpretation', () => {
    const bands = parseGdalMetadata(XML, 5);
    expect(bands[0]).toEqual({ description: 'blue', scale: null, offset: null, colorInterp: null });
    expect(bands[2]).toEqual({ description: null, scale: null, offset: null, colorInterp: 'Red' });
    expect(bands[4]).toEqual({ description: 'NIR & more', scale: 0.0001, offset: -0.5, colorInterp: null });
  });

  it('gives empty entries without the tag and ignores samples beyond the band count', () => {
    expect(parseGdalMetadata(null, 2)).toEqual([
      { description: null, scale: null, offset: null, colorInterp: null },
      { description: null, scale: null, offset: null, colorInterp: null },
    ]);
    expect(parseGdalMetadata(XML, 1)).toHaveLength(1);
  });
});

describe('bandNames', () => {
  it('names bands from descriptions and colour interpretation', () => {
    expect(bandNames(parseGdalMetadata(XML, 5), null, 1)).toEqual([
      'blue',
      'green',
      'red',
      'rededge',
      'other',
    ]);
  });

  it('names RGB + alpha from PhotometricInterpretation and ExtraSamples', () => {
    expect(bandNames(parseGdalMetadata(null, 4), 3, 2)).toEqual(['red', 'green', 'blue', 'alpha']);
    expect(bandNames(parseGdalMetadata(null, 1), null, 1)).toEqual(['other']);
  });
});
