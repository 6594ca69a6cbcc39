/**
 * The green-cover step of `survey.process` (DOMAIN §3): the index green is judged by (NDVI for a
 * multispectral survey, ExG for RGB), its Otsu threshold on the survey-wide histogram (read from the
 * first overview at most 2048 px wide — every part of the survey, a few million pixels), and the
 * cover layer: a uint8 COG, 100 where green and 0 where not at full resolution, whose averaged
 * overviews hold the share of green pixels in %.
 */
import {
  availableIndices,
  greenCoverReader,
  histogram,
  indexBands,
  indexDefinition,
  indexOverOverview,
  otsuThreshold,
  type BandContext,
  type IndexDefinition,
  type Tiff,
} from '@belcheer/processing';
import type { Store } from '../storage/store.ts';
import { storeCog } from './store.cog.ts';

/** Overview the survey-wide histogram is built from: the first at most this wide. */
const HISTOGRAM_MAX_SIZE = 2048;
const HISTOGRAM_BINS = 256;

export interface CoverIndex {
  readonly definition: IndexDefinition;
  readonly offsets: readonly number[];
}

/** NDVI for multispectral surveys, ExG for RGB (DOMAIN §3 default); null when the bands allow neither. */
export function coverIndexOf(kind: 'rgb' | 'multispectral', bands: BandContext): CoverIndex | null {
  const available = availableIndices(bands);
  const order = kind === 'multispectral' ? (['ndvi', 'exg'] as const) : (['exg', 'ndvi'] as const);
  const name = order.find((n) => available.includes(n));
  if (!name) return null;
  const definition = indexDefinition(name);
  return { definition, offsets: indexBands(definition, bands) };
}

/** Otsu's threshold of the index over the survey; null when no pixel has a value. */
export async function coverThreshold(
  tiff: Tiff,
  index: CoverIndex,
  bands: BandContext,
): Promise<number | null> {
  const { values } = await indexOverOverview(
    tiff,
    index.definition,
    index.offsets,
    bands.reflectance,
    HISTOGRAM_MAX_SIZE,
  );
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max >= min)) return null;
  // One value everywhere (or a single non-empty bin): every valid pixel is on the threshold, green.
  if (max === min) return min;
  return otsuThreshold(histogram(values, HISTOGRAM_BINS, min, max)) ?? min;
}

/** Writes the cover layer to `key` unless it is already stored; returns its size in bytes. */
export function buildCoverLayer(
  store: Store,
  key: string,
  tiff: Tiff,
  index: CoverIndex,
  bands: BandContext,
  threshold: number,
  onProgress: (fraction: number) => void,
): Promise<number> {
  const source = {
    reader: tiff.reader(0),
    definition: index.definition,
    offsets: index.offsets,
    reflectance: bands.reflectance,
  };
  return storeCog(store, key, () => ({ reader: greenCoverReader(source, threshold) }), onProgress);
}
