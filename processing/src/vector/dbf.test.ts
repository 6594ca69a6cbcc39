import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { dbf, utf8Truncate } from './dbf.ts';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('dbf', () => {
  it('cuts UTF-8 at a character boundary', () => {
    // 'жа': ж is 2 bytes (D0 B6), а 2 bytes; 3 bytes would split а
    expect(text(utf8Truncate('жа', 3))).toBe('ж');
    expect(text(utf8Truncate('a€', 3))).toBe('a'); // € is 3 bytes
    expect(text(utf8Truncate('abc', 3))).toBe('abc');
  });

  it('writes each type as dBASE III has it: C left, N right-justified, D YYYYMMDD, L T/F/?', () => {
    const out = dbf(
      [
        { name: 'C', type: 'C', length: 4, decimals: 0 },
        { name: 'N', type: 'N', length: 6, decimals: 2 },
        { name: 'D', type: 'D', length: 8, decimals: 0 },
        { name: 'L', type: 'L', length: 1, decimals: 0 },
      ],
      [
        ['ab', 3.14159, '2026-06-15', true],
        [null, null, null, null],
        ['abcdef', 12345.6, '2026-01-02T10:00:00Z', false],
      ],
    );
    const header = 32 + 4 * 32 + 1;
    const records = [0, 1, 2].map((i) => text(out.subarray(header + 20 * i, header + 20 * (i + 1))));
    // 12345.6 does not fit N(6,2) with 2 decimals ("12345.60"); one decimal neither; "12346" does
    expect(records).toEqual([' ab    3.1420260615T', '                   ?', ' abcd 1234620260102F']);
  });

  it('refuses bad names and numbers that cannot fit', () => {
    expect(() => dbf([{ name: 'too_long_name', type: 'C', length: 1, decimals: 0 }], [])).toThrow(
      ValidationError,
    );
    expect(() => dbf([{ name: 'n', type: 'N', length: 3, decimals: 0 }], [[12345]])).toThrow(
      /does not fit field n/,
    );
  });
});
