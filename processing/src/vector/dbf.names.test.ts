import { describe, expect, it } from 'vitest';
import { dbfFieldNames } from './dbf.names.ts';

describe('dbfFieldNames', () => {
  it('keeps short names, uses a declared short name, cuts and numbers clashes by hand', () => {
    const names = dbfFieldNames([
      { name: 'name', type: 'string' },
      { name: 'reference_biomass_kg_ha', type: 'real', shpName: 'ref_bio' },
      { name: 'coverage_pct', type: 'real' },
      { name: 'coverage_pctx', type: 'real' },
      { name: 'Coverage_p', type: 'real' },
      { name: '2nd name', type: 'string' },
      { name: 'нэр', type: 'string' },
    ]);
    expect(names).toEqual(['name', 'ref_bio', 'coverage_p', 'coverage_2', 'Coverage_3', 'f2nd_name', 'f___']);
    expect(names.every((n) => /^[A-Za-z][A-Za-z0-9_]{0,9}$/.test(n))).toBe(true);
  });
});
