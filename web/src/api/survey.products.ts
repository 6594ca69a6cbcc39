/**
 * A survey's tile products over HTTP (SPEC §3): the TileJSON and legend URLs with their render
 * parameters (`colormap`, `rescale`), and GET …/legend.json narrowed from `unknown`. A legend the
 * server does not have (404: the product, or the endpoint on an older server) is `null`.
 */
import { ApiError, apiRequest } from './client.ts';
import { ShapeError, isRecord, num, record, str } from './guards.ts';

/** The colormaps the tiler knows for index products (SPEC §2.2). */
export const COLORMAPS = ['viridis', 'rdylgn', 'greens', 'magma'] as const;
export type ColormapName = (typeof COLORMAPS)[number];

export type Range = readonly [number, number];

export interface RenderParams {
  /** null: the product's default colormap. */
  readonly colormap: ColormapName | null;
  /** null: the survey's default range. */
  readonly range: Range | null;
}

export interface LocalText {
  readonly mn: string;
  readonly en: string;
}

export interface LegendStop {
  readonly value: number;
  readonly color: string;
}

export interface LegendClass extends LegendStop {
  readonly label: LocalText;
}

export interface Legend {
  readonly product: string;
  readonly title: LocalText;
  /** `rgb`: true colour, nothing to draw but the range. */
  readonly kind: 'continuous' | 'classes' | 'rgb';
  readonly colormap: string | null;
  readonly range: Range | null;
  readonly stops: readonly LegendStop[];
  readonly classes: readonly LegendClass[];
  readonly unit: string | null;
}

export function isColormap(value: string): value is ColormapName {
  return (COLORMAPS as readonly string[]).includes(value);
}

/** `?colormap=…&rescale=a,b`, or '' for the defaults. */
export function renderQuery(params: RenderParams): string {
  const search = new URLSearchParams();
  if (params.colormap) search.set('colormap', params.colormap);
  if (params.range) search.set('rescale', `${params.range[0]},${params.range[1]}`);
  const qs = search.toString();
  return qs ? `?${qs}` : '';
}

function productPath(survey: string, product: string): string {
  return `/tiles/surveys/${encodeURIComponent(survey)}/${encodeURIComponent(product)}`;
}

export function tileJsonUrl(survey: string, product: string, params: RenderParams): string {
  return `${productPath(survey, product)}/tilejson.json${renderQuery(params)}`;
}

export function legendUrl(survey: string, product: string, params: RenderParams): string {
  return `${productPath(survey, product)}/legend.json${renderQuery(params)}`;
}

function localText(value: unknown, where: string): LocalText {
  const t = record(value, where);
  return { mn: str(t, 'mn', where), en: str(t, 'en', where) };
}

function list<T>(value: unknown, where: string, item: (v: unknown, at: string) => T): T[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ShapeError(`${where} is not a list`);
  return value.map((v: unknown, i) => item(v, `${where}[${i}]`));
}

function stop(value: unknown, where: string): LegendStop {
  const s = record(value, where);
  return { value: num(s, 'value', where), color: str(s, 'color', where) };
}

function parseRange(value: unknown, where: string): Range | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length !== 2 || value.some((v) => typeof v !== 'number'))
    throw new ShapeError(`${where} is not two numbers`);
  return [value[0] as number, value[1] as number];
}

export function parseLegend(value: unknown, where = 'legend'): Legend {
  const l = record(value, where);
  const kind = str(l, 'kind', where);
  if (kind !== 'continuous' && kind !== 'classes' && kind !== 'rgb')
    throw new ShapeError(`${where}.kind is "${kind}"`);
  return {
    product: str(l, 'product', where),
    title: localText(l.title, `${where}.title`),
    kind,
    colormap: typeof l.colormap === 'string' ? l.colormap : null,
    range: parseRange(l.range, `${where}.range`),
    stops: list(l.stops, `${where}.stops`, stop),
    classes: list(l.classes, `${where}.classes`, (v, at) => ({
      ...stop(v, at),
      label: localText(isRecord(v) ? v.label : undefined, `${at}.label`),
    })),
    unit: typeof l.unit === 'string' ? l.unit : null,
  };
}

/** Null answers (404) stand for "no such legend"; other errors are thrown. */
export async function orNullOn404<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export async function fetchLegend(url: string, signal?: AbortSignal): Promise<Legend | null> {
  return orNullOn404(apiRequest(url, { signal }).then((body) => parseLegend(body)));
}
