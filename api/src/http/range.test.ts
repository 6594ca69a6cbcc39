import { describe, expect, it } from 'vitest';
import { parseRange } from './range.ts';

describe('parseRange (RFC 9110 §14.1.2 examples on a 10000-byte resource)', () => {
  it('reads first, middle, last and suffix ranges', () => {
    expect(parseRange('bytes=0-499', 10000)).toEqual({ start: 0, end: 499 });
    expect(parseRange('bytes=500-999', 10000)).toEqual({ start: 500, end: 999 });
    expect(parseRange('bytes=-500', 10000)).toEqual({ start: 9500, end: 9999 });
    expect(parseRange('bytes=9500-', 10000)).toEqual({ start: 9500, end: 9999 });
  });
  it('clips an end past the resource and refuses a start past it', () => {
    expect(parseRange('bytes=9990-20000', 10000)).toEqual({ start: 9990, end: 9999 });
    expect(parseRange('bytes=10000-10001', 10000)).toBe('unsatisfiable');
    expect(parseRange('bytes=5-4', 10000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 10000)).toBe('unsatisfiable');
  });
  it('ignores what it does not serve as a range: no header, other units, several ranges', () => {
    expect(parseRange(undefined, 10000)).toBeNull();
    expect(parseRange('items=0-5', 10000)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 10000)).toBeNull();
  });
});
