/**
 * The survey layer panel's state — per survey: on or off, product, opacity, colormap, range —
 * and its text form, kept in the URL hash (`#layers=…`) and in localStorage so a reload or a shared
 * link restores it. One entry is `id:product:opacity%:colormap|-:min_max|-:1|0`, entries joined by
 * `,`; malformed entries are dropped, not fatal.
 */
import { isColormap, type ColormapName, type Range } from '../api/survey.products.ts';

export interface SurveyLayer {
  readonly survey: string;
  readonly product: string;
  /** 0–1 */
  readonly opacity: number;
  readonly colormap: ColormapName | null;
  readonly range: Range | null;
  readonly on: boolean;
}

export type LayerState = readonly SurveyLayer[];

export const HASH_KEY = 'layers';

const SAFE = /^[\w.-]+$/;

function formatNumber(n: number): string {
  return String(Number(n.toPrecision(6)));
}

export function serialiseLayers(state: LayerState): string {
  return state
    .filter((l) => SAFE.test(l.survey) && SAFE.test(l.product))
    .map((l) =>
      [
        l.survey,
        l.product,
        Math.round(l.opacity * 100),
        l.colormap ?? '-',
        l.range ? `${formatNumber(l.range[0])}_${formatNumber(l.range[1])}` : '-',
        l.on ? 1 : 0,
      ].join(':'),
    )
    .join(',');
}

function parseRange(text: string): Range | null | undefined {
  if (text === '-') return null;
  const parts = text.split('_');
  if (parts.length !== 2 || parts.some((p) => p.trim() === '')) return undefined;
  const [a, b] = parts.map(Number) as [number, number];
  return Number.isFinite(a) && Number.isFinite(b) && a < b ? [a, b] : undefined;
}

function parseEntry(text: string): SurveyLayer | null {
  const [survey, product, opacity, colormap, range, on, ...rest] = text.split(':');
  if (rest.length > 0 || !survey || !product || !SAFE.test(survey) || !SAFE.test(product)) return null;
  const pct = Number(opacity);
  const parsedRange = parseRange(range ?? '');
  if (opacity === '' || !Number.isInteger(pct) || pct < 0 || pct > 100 || parsedRange === undefined)
    return null;
  if (colormap !== '-' && !isColormap(colormap ?? '')) return null;
  if (on !== '0' && on !== '1') return null;
  return {
    survey,
    product,
    opacity: pct / 100,
    colormap: colormap !== undefined && isColormap(colormap) ? colormap : null,
    range: parsedRange,
    on: on === '1',
  };
}

export function parseLayers(text: string): LayerState {
  const seen = new Set<string>();
  const out: SurveyLayer[] = [];
  for (const entry of text.split(',')) {
    const layer = parseEntry(entry.trim());
    if (!layer || seen.has(layer.survey)) continue;
    seen.add(layer.survey);
    out.push(layer);
  }
  return out;
}

/** The `layers` parameter of a hash (`#layers=…&other=…`), or null when it has none. */
export function layersFromHash(hash: string): LayerState | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(HASH_KEY);
  return value === null ? null : parseLayers(value);
}

/** The hash with its `layers` parameter set (or removed for an empty state), others kept. */
export function hashWithLayers(hash: string, state: LayerState): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const text = serialiseLayers(state);
  if (text) params.set(HASH_KEY, text);
  else params.delete(HASH_KEY);
  // Colons and commas read better unescaped, and are legal in a fragment.
  const out = params.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
  return out ? `#${out}` : '';
}

/** The first product a survey offers of those people look at first. */
export function defaultProduct(products: readonly string[]): string | null {
  return products.includes('rgb') ? 'rgb' : (products[0] ?? null);
}

/** A layer for a survey first switched on. */
export function newLayer(survey: string, products: readonly string[]): SurveyLayer | null {
  const product = defaultProduct(products);
  return product ? { survey, product, opacity: 1, colormap: null, range: null, on: true } : null;
}

/** The state with `survey`'s layer replaced (or added at the end). */
export function withLayer(state: LayerState, layer: SurveyLayer): LayerState {
  const i = state.findIndex((l) => l.survey === layer.survey);
  return i < 0 ? [...state, layer] : state.map((l, k) => (k === i ? layer : l));
}

/**
 * The state kept to the given surveys and their products: entries of surveys that are gone are
 * dropped, a product the survey no longer offers falls back to its default.
 */
export function reconcileLayers(
  state: LayerState,
  surveys: ReadonlyMap<string, readonly string[]>,
): LayerState {
  return state.flatMap((l) => {
    const products = surveys.get(l.survey);
    if (!products) return [];
    if (products.includes(l.product)) return [l];
    const product = defaultProduct(products);
    return product ? [{ ...l, product, range: null }] : [];
  });
}
