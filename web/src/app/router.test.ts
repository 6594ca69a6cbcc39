import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './router.ts';

describe('router', () => {
  it('reads the two pages and the survey to show', () => {
    expect(parseRoute('/', '')).toEqual({ page: 'map', survey: null });
    expect(parseRoute('/', '?survey=abc')).toEqual({ page: 'map', survey: 'abc' });
    expect(parseRoute('/surveys', '')).toEqual({ page: 'surveys' });
    expect(parseRoute('/surveys/', '')).toEqual({ page: 'surveys' });
    expect(parseRoute('/units', '')).toEqual({ page: 'units' });
    expect(parseRoute('/plans/', '')).toEqual({ page: 'plans' });
    expect(parseRoute('/anything-else', '')).toEqual({ page: 'map', survey: null });
  });

  it('round-trips', () => {
    for (const route of [
      { page: 'map', survey: null },
      { page: 'map', survey: 'a b' },
      { page: 'surveys' },
    ] as const) {
      const url = new URL(routeHref(route), 'http://x');
      expect(parseRoute(url.pathname, url.search)).toEqual(route);
    }
  });
});
