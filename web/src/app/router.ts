/**
 * The app's pages as URLs, on the History API (the API serves index.html for any other path):
 * `/` the map (`/?survey=ID` fits that survey), `/surveys` the surveys page, `/units` the pasture
 * units, `/plans` the grazing plans. `navigate` pushes a
 * URL; `useRoute` re-renders on it and on the browser's back/forward.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  { readonly page: 'map'; readonly survey: string | null } | { readonly page: 'surveys' | 'units' | 'plans' };

/** Pages other than the map, each at `/<page>`. */
const PAGES = ['surveys', 'units', 'plans'] as const;

const CHANGE = 'belcheer:navigate';

export function parseRoute(pathname: string, search: string): Route {
  const page = PAGES.find((p) => pathname.replace(/\/+$/, '') === `/${p}`);
  if (page) return { page };
  return { page: 'map', survey: new URLSearchParams(search).get('survey') };
}

export function routeHref(route: Route): string {
  if (route.page !== 'map') return `/${route.page}`;
  return route.survey ? `/?survey=${encodeURIComponent(route.survey)}` : '/';
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = routeHref(route);
  if (href === `${window.location.pathname}${window.location.search}`) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(CHANGE));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const snapshot = (): string => `${window.location.pathname}${window.location.search}`;

export function useRoute(): Route {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return parseRoute(url.pathname, url.search);
}
