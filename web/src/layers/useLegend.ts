/**
 * A product legend for React: fetched once per URL (the URL holds survey, product, colormap and
 * range) and shared by the layer panel and the point popup. A 404 is `missing` — the product has no
 * legend, or the server does not serve legends yet — and is shown as such, not as an error.
 */
import { useEffect, useState } from 'react';
import { fetchLegend, type Legend } from '../api/survey.products.ts';

export type LegendState =
  | { readonly status: 'loading' }
  | { readonly status: 'missing' }
  | { readonly status: 'error' }
  | { readonly status: 'ready'; readonly legend: Legend };

const cache = new Map<string, Promise<Legend | null>>();

function legendAt(url: string): Promise<Legend | null> {
  let pending = cache.get(url);
  if (!pending) {
    pending = fetchLegend(url);
    // A failure is not remembered: the next look asks again.
    pending.catch(() => cache.delete(url));
    cache.set(url, pending);
  }
  return pending;
}

export function useLegend(url: string | null): LegendState {
  const [state, setState] = useState<{ url: string | null; state: LegendState }>({
    url,
    state: { status: 'loading' },
  });
  useEffect(() => {
    if (!url) return;
    let live = true;
    legendAt(url).then(
      (legend) => {
        if (live) setState({ url, state: legend ? { status: 'ready', legend } : { status: 'missing' } });
      },
      () => {
        if (live) setState({ url, state: { status: 'error' } });
      },
    );
    return () => {
      live = false;
    };
  }, [url]);
  if (!url) return { status: 'missing' };
  // While another URL loads (a new range, colormap), the last legend stays rather than flicker.
  if (state.url === url || state.state.status === 'ready') return state.state;
  return { status: 'loading' };
}
