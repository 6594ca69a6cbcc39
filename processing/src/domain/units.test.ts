import { describe, expect, it } from 'vitest';
import { CENTNER_PER_HA_TO_KG_PER_HA, fromKgPerHa, G_PER_M2_TO_KG_PER_HA, toKgPerHa } from './units.ts';

describe('biomass units (DOMAIN §4)', () => {
  it('converts g/m² and centner/ha to kg/ha', () => {
    expect(G_PER_M2_TO_KG_PER_HA).toBe(10); // 1 g/m² · 10 000 m²/ha ÷ 1 000 g/kg
    expect(CENTNER_PER_HA_TO_KG_PER_HA).toBe(100); // 1 centner = 100 kg
    expect(toKgPerHa(62, 'g_per_m2')).toBe(620);
    expect(toKgPerHa(6.2, 'centner_per_ha')).toBeCloseTo(620, 10);
    expect(toKgPerHa(620, 'kg_per_ha')).toBe(620);
    expect(fromKgPerHa(620, 'g_per_m2')).toBe(62);
  });

  it('refuses an unknown unit', () => {
    expect(() => toKgPerHa(1, 'lb_per_acre' as 'kg_per_ha')).toThrow(/unknown biomass unit "lb_per_acre"/);
  });
});
