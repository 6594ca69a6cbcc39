import { describe, expect, it } from 'vitest';
import { mongolianDate } from './useFormat.ts';
import en from './en.json';
import mn from './mn.json';

describe('Mongolian dates and the catalogs', () => {
  it('writes dates as full ICU does for mn ("2018 оны 8-р сарын 22"), in UTC for a flight day', () => {
    expect(mongolianDate(new Date('2018-08-22T00:00:00Z'), true)).toBe('2018 оны 8-р сарын 22');
    expect(mongolianDate(new Date('2024-12-01T00:00:00Z'), true)).toBe('2024 оны 12-р сарын 1');
  });

  it('the Mongolian catalog is Cyrillic where English is Latin, with the same placeholders', () => {
    const latinOnly = /^[^А-Яа-яЁёӨөҮү]*[A-Za-z]{4,}[^А-Яа-яЁёӨөҮү]*$/;
    const mnEntries = Object.entries(mn) as [keyof typeof en, string][];
    for (const [key, text] of mnEntries) {
      const placeholders = (s: string): string[] =>
        [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
      expect(placeholders(text), key).toEqual(placeholders(en[key]));
      if (key.startsWith('survey') || key.startsWith('upload') || key.startsWith('status')) {
        expect(latinOnly.test(text.replace(/\{\w+\}/g, '')), `${key}: "${text}"`).toBe(false);
      }
    }
  });
});
