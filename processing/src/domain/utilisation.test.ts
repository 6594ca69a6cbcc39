import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { groupDemandKg, unitUtilisation, utilisationBand, type UtilisationUnit } from './utilisation.ts';

// Three herder groups, SU by the NSO factors:
// G1: 200 sheep + 100 goats·0.9 + 10 horses·7 = 200 + 90 + 70 = 360 SU
// G2: 20 cattle·6 + 150 sheep = 120 + 150 = 270 SU
// G3: 15 camels·5 + 300 goats·0.9 = 75 + 270 = 345 SU
const G1 = { sheep: 200, goat: 100, horse: 10 };
const G2 = { cattle: 20, sheep: 150 };
const G3 = { camel: 15, goat: 300 };

// Four units, grazable forage F·A·0.30·(1 − cut):
// U1: 500 kg/ha · 1 000 ha · 0.30 = 150 000 kg (class I, no cut)
// U2: 400 · 800 · 0.30 = 96 000 · 0.95 (class II) = 91 200 kg
// U3: 150 · 500 · 0.30 = 22 500 · 0.85 (class IV) = 19 125 kg
// U4: 200 · 2 000 · 0.30 = 120 000 kg (no class)
const U1: UtilisationUnit = { forageKgHa: 500, areaHa: 1000, recoveryClass: 'I' };
const U2: UtilisationUnit = { forageKgHa: 400, areaHa: 800, recoveryClass: 'II' };
const U3: UtilisationUnit = { forageKgHa: 150, areaHa: 500, recoveryClass: 'IV' };
const U4: UtilisationUnit = { forageKgHa: 200, areaHa: 2000, recoveryClass: null };

describe('utilisation in a grazing plan (DOMAIN §7)', () => {
  it('demand of one group: head × SU × days × 1.4', () => {
    expect(groupDemandKg({ herd: G1, days: 183 })).toBeCloseTo(92232, 6); // 360 · 183 · 1.4
  });

  it('3 herder groups on 4 units, by hand', () => {
    // U1: G1 183 d → 360 · 256.2 = 92 232 kg; 92 232 / 150 000 = 61.488 % → reserve
    const u1 = unitUtilisation(U1, [{ herd: G1, days: 183 }]);
    expect(u1.demandKg).toBeCloseTo(92232, 6);
    expect(u1.grazableKg).toBeCloseTo(150000, 6);
    expect(u1.pct).toBeCloseTo(61.488, 9);
    expect([u1.band, u1.overgrazed]).toEqual(['reserve', false]);

    // U2: G2 150 d → 270 · 210 = 56 700; G3 30 d → 345 · 42 = 14 490; 71 190 / 91 200 = 78.0592… %
    const u2 = unitUtilisation(U2, [
      { herd: G2, days: 150 },
      { herd: G3, days: 30 },
    ]);
    expect(u2.demandKg).toBeCloseTo(71190, 6);
    expect(u2.grazableKg).toBeCloseTo(91200, 6);
    expect(u2.pct).toBeCloseTo(78.0592, 4);
    expect([u2.band, u2.overgrazed]).toEqual(['sufficient', false]);

    // U3: G3 152 d → 345 · 212.8 = 73 416; 73 416 / 19 125 = 383.87… % → exceeds 3–5×
    const u3 = unitUtilisation(U3, [{ herd: G3, days: 152 }]);
    expect(u3.demandKg).toBeCloseTo(73416, 6);
    expect(u3.pct).toBeCloseTo(383.8745, 4);
    expect([u3.band, u3.overgrazed]).toEqual(['exceeds_3_5', true]);

    // U4: G1 + G2 182 d → 630 · 254.8 = 160 524; 160 524 / 120 000 = 133.77 % → exceeds 1–3×
    const u4 = unitUtilisation(U4, [
      { herd: G1, days: 182 },
      { herd: G2, days: 182 },
    ]);
    expect(u4.demandKg).toBeCloseTo(160524, 6);
    expect(u4.pct).toBeCloseTo(133.77, 9);
    expect([u4.band, u4.overgrazed]).toEqual(['exceeds_1_3', true]);
  });

  it('bands at their boundaries', () => {
    const cases: Array<[number, string]> = [
      [0, 'reserve'],
      [69.99, 'reserve'],
      [70, 'sufficient'],
      [100, 'sufficient'],
      [100.01, 'exceeds_1_3'],
      [300, 'exceeds_1_3'],
      [300.01, 'exceeds_3_5'],
      [500, 'exceeds_3_5'],
      [500.01, 'exceeds_many'],
      [Infinity, 'exceeds_many'],
    ];
    for (const [pct, band] of cases) expect(utilisationBand(pct), `${pct}`).toBe(band);
    expect(utilisationBand(65, 60)).toBe('sufficient'); // a configured reserve limit
  });

  it('an unused unit is 0 %; a grazed unit without forage is infinitely over', () => {
    expect(unitUtilisation(U1, []).pct).toBe(0);
    const bare = unitUtilisation({ forageKgHa: 0, areaHa: 10 }, [{ herd: { sheep: 1 }, days: 1 }]);
    expect([bare.pct, bare.band, bare.overgrazed]).toEqual([Infinity, 'exceeds_many', true]);
  });

  it('refuses negative head, days ≤ 0 and area ≤ 0', () => {
    expect(() => unitUtilisation(U1, [{ herd: { goat: -1 }, days: 10 }])).toThrow(ValidationError);
    expect(() => unitUtilisation(U1, [{ herd: G1, days: 0 }])).toThrow(/days grazed must be > 0/);
    expect(() => unitUtilisation({ forageKgHa: 100, areaHa: -2 }, [])).toThrow(/area \(ha\) must be > 0/);
  });
});
