/**
 * validatePlot against hand-computed conversions and the rules of issue 6 (ranges, Mongolia extent,
 * swapped lon/lat, dates, one biomass per row).
 */
import { describe, expect, it } from 'vitest';
import { validatePlot, type RawPlot } from './plot.validate.ts';

const TODAY = '2026-06-20';
const base: RawPlot = { lon: '106.9', lat: '47.9', date: '2026-06-15' };

function errorsOf(raw: RawPlot): { field: string; message: string }[] {
  const check = validatePlot({ ...base, ...raw }, TODAY);
  return check.ok ? [] : check.errors;
}

describe('validatePlot', () => {
  it('normalises biomass to kg/ha (1 g/m² = 10 000 g / 10 000 m²… = 10 kg/ha; 1 c = 100 kg)', () => {
    const kg = (raw: RawPlot) => {
      const check = validatePlot({ ...base, ...raw }, TODAY);
      if (!check.ok) throw new Error(JSON.stringify(check.errors));
      return check.plot.biomassKgHa;
    };
    expect(kg({ biomass_g_m2: '85' })).toBe(850);
    expect(kg({ biomass_g_m2: '12,5' })).toBe(125);
    expect(kg({ biomass_c_ha: 4.5 })).toBe(450);
    expect(kg({ biomass_kg_ha: '1234.5' })).toBe(1234.5);
    expect(kg({ biomass_kg_ha: '0' })).toBe(0);
    expect(kg({})).toBeNull();
  });

  it('fills defaults and reads both date forms', () => {
    const check = validatePlot({ ...base, date: '1.6.2026', fresh: 'Yes', name: '  P1 ' }, TODAY);
    expect(check).toEqual({
      ok: true,
      plot: {
        lon: 106.9,
        lat: 47.9,
        date: '2026-06-01',
        biomassKgHa: null,
        fresh: true,
        coverPct: null,
        heightCm: null,
        plotSizeM: 1,
        notes: null,
        name: 'P1',
      },
    });
  });

  it('accepts the edges of the ranges and of the extent', () => {
    expect(errorsOf({ cover: '0', height: '0' })).toEqual([]);
    expect(errorsOf({ cover: '100', date: TODAY })).toEqual([]);
    expect(errorsOf({ lon: 87, lat: 41 })).toEqual([]);
    expect(errorsOf({ lon: 120, lat: 53 })).toEqual([]);
  });

  it('names each problem by field', () => {
    expect(errorsOf({ lat: '95' })).toEqual([
      { field: 'lat', message: 'latitude 95 is out of range -90…90' },
    ]);
    expect(errorsOf({ lon: '-181' })).toEqual([
      { field: 'lon', message: 'longitude -181 is out of range -180…180' },
    ]);
    expect(errorsOf({ lon: 'abc' })).toEqual([{ field: 'lon', message: 'longitude "abc" is not a number' }]);
    expect(errorsOf({ date: '2026-06-21' })).toEqual([
      { field: 'date', message: 'date 2026-06-21 is in the future (today is 2026-06-20)' },
    ]);
    expect(errorsOf({ date: '2026/06/01' })[0]!.message).toContain('neither YYYY-MM-DD nor DD.MM.YYYY');
    expect(errorsOf({ date: '2025-02-29' })[0]!.message).toContain('not a calendar day');
    expect(errorsOf({ cover: '100.5' })).toEqual([
      { field: 'cover', message: 'cover 100.5 is out of range 0…100' },
    ]);
    expect(errorsOf({ height: '-0.1' })[0]!.field).toBe('height');
    expect(errorsOf({ biomass_c_ha: '-1' })).toEqual([
      { field: 'biomass_c_ha', message: 'biomass_c_ha -1 is negative' },
    ]);
    expect(errorsOf({ biomass_c_ha: '1', biomass_g_m2: '2' })).toEqual([
      {
        field: 'biomass',
        message: 'only one biomass column per row: biomass_g_m2 and biomass_c_ha are filled',
      },
    ]);
    expect(errorsOf({ fresh: 'maybe' })[0]!.field).toBe('fresh');
    expect(errorsOf({ plot_size_m: '0' })[0]!.field).toBe('plot_size_m');
    expect(errorsOf({ lat: '', date: '' }).map((e) => e.field)).toEqual(['lat', 'date']);
  });

  it('says when swapping lon and lat would put the point in Mongolia', () => {
    expect(errorsOf({ lon: '47.9', lat: '106.9' })).toEqual([
      { field: 'lat', message: 'latitude 106.9 is out of range -90…90; looks like lon/lat are swapped' },
    ]);
    const inRange = errorsOf({ lon: '50', lat: '88' });
    expect(inRange).toHaveLength(1);
    expect(inRange[0]!.message).toMatch(/outside Mongolia .*; looks like lon\/lat are swapped$/);
    // Paris: outside, and swapping does not help.
    expect(errorsOf({ lon: '2.35', lat: '48.85' })[0]!.message).not.toContain('swapped');
  });
});
