/**
 * CSV reading: delimiter detection, header aliases, row numbers as lines of the file (RFC 4180 quoted
 * fields may span lines), file-level refusals.
 */
import { describe, expect, it } from 'vitest';
import { detectDelimiter, plotRowsFromCsv } from './plot.csv.ts';

const csv = (text: string) => plotRowsFromCsv(Buffer.from(text));

describe('plotRowsFromCsv', () => {
  it('detects the delimiter from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('lon;lat;date\n1,5;2,5;x')).toBe(';');
    expect(detectDelimiter('"a;b;c",lon,lat\n')).toBe(',');
    expect(detectDelimiter('lon\tlat\tdate\n')).toBe('\t');
    expect(detectDelimiter('lon')).toBe(',');
  });

  it('maps header aliases case-insensitively and numbers rows by line', () => {
    const rows = csv(
      '\uFEFFLNG,Latitude,DATE,Height (cm),Biomass g/m²,Unknown\n' +
        '106,47,2026-06-01,5,10,zz\n' +
        '\n' +
        '107,48,2026-06-02,,,\n',
    );
    expect(rows).toEqual([
      {
        row: 2,
        raw: { lon: '106', lat: '47', date: '2026-06-01', height: '5', biomass_g_m2: '10' },
        errors: [],
      },
      {
        row: 4,
        raw: { lon: '107', lat: '48', date: '2026-06-02', height: '', biomass_g_m2: '' },
        errors: [],
      },
    ]);
    const quoted = csv('lon,lat,date,notes\n1,2,3,"a\r\nb\nc"\n4,5,6,d\n');
    expect(quoted.map((r) => r.row)).toEqual([2, 5]);
  });

  it('refuses files without the needed columns, with duplicate columns or too many rows', () => {
    expect(() => csv('')).toThrow('the CSV is empty');
    expect(() => csv('lat,date\n1,2\n')).toThrow('no lon column (name it lon, lng, long, longitude or x)');
    expect(() => csv('lon,lat,date,cover,Cover_Pct\n')).toThrow('"cover" and "Cover_Pct"');
    expect(() => csv('lon,lat,date\n"1,2,3\n')).toThrow('the CSV cannot be read');
    expect(() => csv(`lon,lat,date\n${'1,2,3\n'.repeat(10_001)}`)).toThrow('10001 plots');
  });
});
