/**
 * WKT and WKB readers and the sniffer against values worked out by hand: byte layouts written here
 * field by field (OGC 06-103r4 §8.2), not produced by any writer of this project.
 */
import { describe, expect, it } from 'vitest';
import { readWkb } from './wkb.read.ts';
import { readWkt } from './wkt.read.ts';
import { sniff } from './sniff.ts';
import { checkEntryName } from './zip.safe.ts';

/** Little-endian WKB of POLYGON Z ((0 0 9, 2 0 9, 0 1 9, 0 0 9)) in the ISO form (type 1003). */
function polygonZ(): Uint8Array {
  const pts = [
    [0, 0],
    [2, 0],
    [0, 1],
    [0, 0],
  ];
  const view = new DataView(new ArrayBuffer(1 + 4 + 4 + 4 + pts.length * 24));
  view.setUint8(0, 1);
  view.setUint32(1, 1003, true);
  view.setUint32(5, 1, true);
  view.setUint32(9, pts.length, true);
  pts.forEach(([x, y], i) => {
    view.setFloat64(13 + i * 24, x!, true);
    view.setFloat64(21 + i * 24, y!, true);
    view.setFloat64(29 + i * 24, 9, true);
  });
  return new Uint8Array(view.buffer);
}

describe('readWkb', () => {
  it('reads an ISO Z polygon, dropping Z', () => {
    expect(readWkb(polygonZ())).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [0, 1],
          [0, 0],
        ],
      ],
    });
  });

  it('reads a big-endian point and refuses truncated input', () => {
    const view = new DataView(new ArrayBuffer(21));
    view.setUint8(0, 0);
    view.setUint32(1, 1, false);
    view.setFloat64(5, 106.5, false);
    view.setFloat64(13, 47.25, false);
    expect(readWkb(new Uint8Array(view.buffer))).toEqual({ type: 'Point', coordinates: [106.5, 47.25] });
    expect(() => readWkb(new Uint8Array(view.buffer, 0, 12))).toThrow(/truncated/);
  });
});

describe('readWkt', () => {
  it('reads multipolygons with holes, Z tags and SRID prefixes', () => {
    expect(
      readWkt(
        'SRID=4326;MULTIPOLYGON Z (((0 0 1,4 0 1,0 4 1,0 0 1),(1 1 1,2 1 1,1 2 1,1 1 1)),((9 9 0,10 9 0,9 10 0,9 9 0)))',
      ),
    ).toEqual({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [4, 0],
            [0, 4],
            [0, 0],
          ],
          [
            [1, 1],
            [2, 1],
            [1, 2],
            [1, 1],
          ],
        ],
        [
          [
            [9, 9],
            [10, 9],
            [9, 10],
            [9, 9],
          ],
        ],
      ],
    });
    expect(readWkt('POINT (106.9 47.9)')).toEqual({ type: 'Point', coordinates: [106.9, 47.9] });
  });

  it('names the offset of a syntax error', () => {
    expect(() => readWkt('POLYGON ((0 0, 1 0, x 1, 0 0))')).toThrow(/expected a number at character 21/);
    expect(() => readWkt('CIRCLE (0 0)')).toThrow(/geometry type/);
  });
});

describe('sniff and zip entry names', () => {
  it('tells containers by their first bytes', () => {
    expect(sniff(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('zip');
    expect(sniff(Buffer.from('SQLite format 3\0...', 'latin1'))).toBe('sqlite');
    expect(sniff(Buffer.from('\uFEFF  {"type"'))).toBe('json');
    expect(sniff(Buffer.from('<?xml version="1.0"?><kml>'))).toBe('xml');
    expect(sniff(Buffer.from('name;WKT\n'))).toBe('csv');
  });

  it('refuses absolute and parent paths (zip-slip)', () => {
    for (const bad of ['../a.shp', 'x/../../a.shp', '/etc/passwd', 'C:\\a.shp', '..\\a.shp'])
      expect(() => checkEntryName(bad), bad).toThrow(/zip-slip/);
    expect(() => checkEntryName('layers/units..v2.shp')).not.toThrow();
  });
});
