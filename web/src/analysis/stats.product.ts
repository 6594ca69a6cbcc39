/**
 * The product the area statistics are computed on: the index shown on the map, or — while true
 * colour or the cover classes are shown — the survey's green-cover index, as the server picks it
 * (DOMAIN §3: ExG for RGB surveys, NDVI for multispectral, the other when the bands allow only it).
 * Null when the survey offers no index.
 */
import type { Survey } from '../api/survey.types.ts';
import { takesColormap } from '../layers/product.names.ts';

export function statsProduct(survey: Pick<Survey, 'kind' | 'products'>, shown: string): string | null {
  if (takesColormap(shown) && survey.products.includes(shown)) return shown;
  const order = survey.kind === 'multispectral' ? ['ndvi', 'exg'] : ['exg', 'ndvi'];
  return order.find((p) => survey.products.includes(p)) ?? survey.products.find(takesColormap) ?? null;
}
