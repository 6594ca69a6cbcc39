/**
 * The vegetation indices of DOMAIN.md §2: each index's input bands, formula (one scalar function of
 * the inputs in the listed order), source, whether it needs reflectance (not scale-invariant), and
 * its default display: range and colormap (`rdylgn` for NDVI-like indices, `viridis` otherwise).
 * A zero denominator gives NaN, never Infinity and never 0.
 * Reference: DOMAIN.md §1–§2 (sources per index below).
 */
import type { BandName } from '../raster/types.ts';

export const INDEX_NAMES = [
  'vari',
  'exg',
  'exgr',
  'gli',
  'ngrdi',
  'tgi',
  'mgrvi',
  'rgbvi',
  'ndvi',
  'ndre',
  'gndvi',
  'savi',
  'osavi',
  'msavi',
] as const;
export type IndexName = (typeof INDEX_NAMES)[number];

/** A formula of up to three inputs, in the order of `IndexDefinition.inputs`. */
export type IndexFormula = (a: number, b: number, c: number) => number;

export interface IndexDefinition {
  readonly name: IndexName;
  readonly title: { readonly mn: string; readonly en: string };
  /** Bands the formula reads, in argument order. */
  readonly inputs: ReadonlyArray<BandName>;
  readonly formula: IndexFormula;
  /** SAVI, OSAVI and MSAVI are not scale-invariant: refused unless a reflectance scale is known. */
  readonly needsReflectance: boolean;
  /** Default display range (values outside are clamped to the colormap's ends). */
  readonly range: readonly [number, number];
  readonly colormap: 'rdylgn' | 'viridis';
  readonly source: string;
}

/** n / d, NaN when d is 0 (DOMAIN §2: a zero denominator gives nodata). */
function ratio(n: number, d: number): number {
  return d === 0 ? Number.NaN : n / d;
}

/** Normalised difference (x − y) / (x + y). */
function nd(x: number, y: number): number {
  return ratio(x - y, x + y);
}

/** ExG = 2g − r − b on chromatic coordinates r = R/(R+G+B), … (Woebbecke et al. 1995). */
function exg(r: number, g: number, b: number): number {
  const s = r + g + b;
  return s === 0 ? Number.NaN : (2 * g - r - b) / s;
}

const RGB: ReadonlyArray<BandName> = ['red', 'green', 'blue'];

const DEFINITIONS: ReadonlyArray<IndexDefinition> = [
  {
    name: 'vari',
    title: {
      mn: 'VARI (харагдах мужийн ургамлын индекс)',
      en: 'VARI (visible atmospherically resistant index)',
    },
    inputs: RGB,
    formula: (r, g, b) => ratio(g - r, g + r - b),
    needsReflectance: false,
    range: [-0.3, 0.5],
    colormap: 'rdylgn',
    source: 'Gitelson et al. 2002, Remote Sens. Environ. 80: 76–87',
  },
  {
    name: 'exg',
    title: { mn: 'ExG (илүүдэл ногоон)', en: 'ExG (excess green)' },
    inputs: RGB,
    formula: exg,
    needsReflectance: false,
    range: [-0.1, 0.4],
    colormap: 'viridis',
    source: 'Woebbecke et al. 1995, Trans. ASAE 38(1): 259–269',
  },
  {
    name: 'exgr',
    title: { mn: 'ExGR (илүүдэл ногоон − улаан)', en: 'ExGR (excess green minus excess red)' },
    inputs: RGB,
    // ExG − ExR with ExR = 1.4r − g.
    formula: (r, g, b) => {
      const s = r + g + b;
      return s === 0 ? Number.NaN : (2 * g - r - b) / s - (1.4 * r - g) / s;
    },
    needsReflectance: false,
    range: [-0.6, 0.4],
    colormap: 'viridis',
    source: 'Meyer & Neto 2008, Comput. Electron. Agric. 63: 282–293',
  },
  {
    name: 'gli',
    title: { mn: 'GLI (ногоон навчны индекс)', en: 'GLI (green leaf index)' },
    inputs: RGB,
    formula: (r, g, b) => ratio(2 * g - r - b, 2 * g + r + b),
    needsReflectance: false,
    range: [-0.2, 0.4],
    colormap: 'rdylgn',
    source: 'Louhaichi et al. 2001, Geocarto Int. 16(1): 65–70',
  },
  {
    name: 'ngrdi',
    title: { mn: 'NGRDI (ногоон-улааны нормчилсон ялгавар)', en: 'NGRDI (normalised green-red difference)' },
    inputs: ['green', 'red'],
    formula: (g, r) => nd(g, r),
    needsReflectance: false,
    range: [-0.3, 0.3],
    colormap: 'rdylgn',
    source: 'Tucker 1979, Remote Sens. Environ. 8: 127–150',
  },
  {
    name: 'tgi',
    title: { mn: 'TGI (гурвалжин ногооны индекс)', en: 'TGI (triangular greenness index)' },
    inputs: RGB,
    formula: (r, g, b) => -0.5 * (190 * (r - g) - 120 * (r - b)),
    needsReflectance: false,
    // In reflectance; DN data is displayed with the survey's own 2–98 % stretch (see `displayRange`).
    range: [-5, 15],
    colormap: 'viridis',
    source: 'Hunt et al. 2011, Int. J. Appl. Earth Obs. Geoinf. 21: 103–112',
  },
  {
    name: 'mgrvi',
    title: {
      mn: 'MGRVI (өөрчилсөн ногоон-улааны индекс)',
      en: 'MGRVI (modified green-red vegetation index)',
    },
    inputs: ['green', 'red'],
    formula: (g, r) => ratio(g * g - r * r, g * g + r * r),
    needsReflectance: false,
    range: [-0.5, 0.5],
    colormap: 'rdylgn',
    source: 'Bendig et al. 2015, Int. J. Appl. Earth Obs. Geoinf. 39: 79–87',
  },
  {
    name: 'rgbvi',
    title: { mn: 'RGBVI (RGB ургамлын индекс)', en: 'RGBVI (RGB vegetation index)' },
    inputs: RGB,
    formula: (r, g, b) => ratio(g * g - b * r, g * g + b * r),
    needsReflectance: false,
    range: [-0.5, 0.5],
    colormap: 'rdylgn',
    source: 'Bendig et al. 2015, Int. J. Appl. Earth Obs. Geoinf. 39: 79–87',
  },
  {
    name: 'ndvi',
    title: {
      mn: 'NDVI (ургамлын нормчилсон ялгаврын индекс)',
      en: 'NDVI (normalised difference vegetation index)',
    },
    inputs: ['nir', 'red'],
    formula: (nir, r) => nd(nir, r),
    needsReflectance: false,
    range: [-0.2, 1],
    colormap: 'rdylgn',
    source: 'Rouse et al. 1974, NASA SP-351: 309–317',
  },
  {
    name: 'ndre',
    title: { mn: 'NDRE (улаан захын нормчилсон ялгавар)', en: 'NDRE (normalised difference red edge)' },
    inputs: ['nir', 'rededge'],
    formula: (nir, re) => nd(nir, re),
    needsReflectance: false,
    range: [-0.1, 0.7],
    colormap: 'rdylgn',
    source: 'Barnes et al. 2000, Proc. 5th Int. Conf. Precision Agriculture',
  },
  {
    name: 'gndvi',
    title: { mn: 'GNDVI (ногоон NDVI)', en: 'GNDVI (green NDVI)' },
    inputs: ['nir', 'green'],
    formula: (nir, g) => nd(nir, g),
    needsReflectance: false,
    range: [-0.2, 1],
    colormap: 'rdylgn',
    source: 'Gitelson et al. 1996, Remote Sens. Environ. 58: 289–298',
  },
  {
    name: 'savi',
    title: { mn: 'SAVI (хөрсний нөлөөг засварласан индекс)', en: 'SAVI (soil-adjusted vegetation index)' },
    inputs: ['nir', 'red'],
    formula: (nir, r) => ratio(1.5 * (nir - r), nir + r + 0.5),
    needsReflectance: true,
    range: [-0.2, 1],
    colormap: 'rdylgn',
    source: 'Huete 1988, Remote Sens. Environ. 25: 295–309 (L = 0.5)',
  },
  {
    name: 'osavi',
    title: { mn: 'OSAVI (оновчилсон SAVI)', en: 'OSAVI (optimised SAVI)' },
    inputs: ['nir', 'red'],
    formula: (nir, r) => ratio(nir - r, nir + r + 0.16),
    needsReflectance: true,
    range: [-0.2, 1],
    colormap: 'rdylgn',
    source: 'Rondeaux et al. 1996, Remote Sens. Environ. 55: 95–107',
  },
  {
    name: 'msavi',
    title: { mn: 'MSAVI (өөрчилсөн SAVI)', en: 'MSAVI (modified SAVI)' },
    inputs: ['nir', 'red'],
    // (2NIR + 1 − √((2NIR + 1)² − 8 (NIR − R))) / 2; a negative radicand has no real value → NaN.
    formula: (nir, r) => {
      const k = 2 * nir + 1;
      const radicand = k * k - 8 * (nir - r);
      return radicand < 0 ? Number.NaN : (k - Math.sqrt(radicand)) / 2;
    },
    needsReflectance: true,
    range: [-0.2, 1],
    colormap: 'rdylgn',
    source: 'Qi et al. 1994, Remote Sens. Environ. 48: 119–126',
  },
];

export const INDICES: ReadonlyMap<IndexName, IndexDefinition> = new Map(DEFINITIONS.map((d) => [d.name, d]));

export function isIndexName(name: string): name is IndexName {
  return INDICES.has(name as IndexName);
}
