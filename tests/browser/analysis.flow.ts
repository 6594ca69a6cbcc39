/**
 * The analysis part of the browser smoke test, on the survey the surveys flow processed with its
 * imagery on (layers flow, VARI): draw a four-corner area over the survey and see the statistics
 * card answer with a count > 0, its histogram's bars (over the legend's range) and the pixels beyond
 * that range summing to the count, the bars in the legend's colours; switch the layer to true colour and see the numbers
 * follow on the cover index (ExG); draw a bow-tie and see the server's refusal in words; Esc
 * cancels a drawing; the unit card says there are no units, then, with a pasture unit added over
 * the survey and the analysis recomputed, draws the choropleth (measure kept in the URL hash over
 * a reload) and opens the unit's popup on a click instead of the soum's; English labels.
 */
import type { Page } from 'playwright-core';
import type { BrowserWatch } from './browser.checks.ts';
import { check, expectTexts, shot, STEP_TIMEOUT, type PageGlobals } from './page.helpers.ts';

type Point = readonly [number, number];

/** The page-side map methods this flow uses besides those of PageGlobals. */
interface AnalysisGlobals {
  __belcheerMap?: {
    fitBounds(bounds: [number, number, number, number], options: Record<string, unknown>): void;
    project(lngLat: [number, number]): { x: number; y: number };
    loaded(): boolean;
    isMoving(): boolean;
  };
}

/** The survey's bbox fitted to the part of the map the side cards leave free. */
async function frameSurvey(page: Page, survey: string): Promise<[number, number, number, number]> {
  const side = await page.locator('.map-side').boundingBox();
  const bbox = await page.evaluate(
    async ({ id, left }) => {
      const res = await (globalThis as unknown as PageGlobals).fetch(`/api/surveys/${id}`);
      const s = (await res.json()) as { bbox: [number, number, number, number] };
      (globalThis as unknown as AnalysisGlobals).__belcheerMap?.fitBounds(s.bbox, {
        padding: { left, top: 60, right: 60, bottom: 60 },
        animate: false,
      });
      return s.bbox;
    },
    { id: survey, left: Math.round((side?.x ?? 0) + (side?.width ?? 0) + 40) },
  );
  await page.waitForFunction(() => {
    const map = (globalThis as unknown as AnalysisGlobals).__belcheerMap;
    return !!map && map.loaded() && !map.isMoving();
  });
  return bbox;
}

/** Screen points of lon/lat corners. */
async function onScreen(page: Page, corners: readonly Point[]): Promise<Point[]> {
  const box = await page.getByTestId('map').boundingBox();
  check(box !== null, 'the map has no box');
  const projected = await page.evaluate(
    (lngLats) =>
      lngLats.map(
        (p) => (globalThis as unknown as AnalysisGlobals).__belcheerMap?.project([p[0], p[1]]) ?? null,
      ),
    corners.map((c): [number, number] => [c[0], c[1]]),
  );
  return projected.map((p) => {
    check(p !== null, 'cannot project a corner');
    return [box.x + p.x, box.y + p.y] as const;
  });
}

/** Draws a polygon through `points` (screen), closed with a click on the first. */
async function draw(page: Page, points: readonly Point[]): Promise<void> {
  await page.getByTestId('draw-start').click();
  await page.getByTestId('draw-cancel').waitFor();
  for (const [x, y] of [...points, points[0] ?? [0, 0]]) {
    await page.mouse.click(x, y);
    await page.waitForTimeout(150);
  }
}

/** The statistics card's numbers once ready: count, histogram bars, pixels beyond the histogram. */
async function readyStats(
  page: Page,
  product: string,
): Promise<{ count: number; bars: number[]; outside: number }> {
  const result = page.locator(`[data-testid=stats-result][data-product=${product}][data-status=ready]`);
  await result.waitFor({ timeout: STEP_TIMEOUT });
  const count = Number(await result.getByTestId('stats-table').getAttribute('data-count'));
  const bars = await result
    .getByTestId('stats-bar')
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-count'))));
  const beyond = result.getByTestId('stats-outside');
  const outside = (await beyond.count()) > 0 ? Number(await beyond.getAttribute('data-outside')) : 0;
  return { count, bars, outside };
}

interface FetchGlobals {
  fetch(
    url: string,
    init?: { method: string; headers: Record<string, string>; body?: string },
  ): Promise<{ status: number; json(): Promise<unknown> }>;
  setTimeout(f: () => void, ms: number): void;
}

/**
 * Creates a pasture unit with `ring` (lon/lat) and waits for the survey's analysis to hold it;
 * answers the unit's ETag (to delete it) and the number of analysed units.
 */
async function createUnitAndAnalyse(
  page: Page,
  survey: string,
  ring: readonly Point[],
): Promise<{ unit: string; etag: string; units: number }> {
  return page.evaluate(
    async ({ id, coordinates }) => {
      const g = globalThis as unknown as FetchGlobals;
      // No named functions in here: tsx would wrap them in a helper the page does not have.
      const json = { 'Content-Type': 'application/json' };
      const feature = {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [coordinates] },
        properties: { name: 'Smoke unit', soum: 'MN4304', season: 'summer', use: 'pasture' },
      };
      const body = JSON.stringify(feature);
      const unit = await g.fetch('/api/pasture-units', { method: 'POST', headers: json, body });
      if (unit.status !== 201) throw new Error(`POST /api/pasture-units answered ${unit.status}`);
      const created = (await unit.json()) as { id: string; properties: { version: number } };
      const etag = `"${created.id}-v${created.properties.version}"`;
      const path = `/api/surveys/${id}/analysis`;
      const queued = await g.fetch(path, { method: 'POST', headers: json, body: '{}' });
      if (queued.status !== 202) throw new Error(`POST ${path} answered ${queued.status}`);
      for (let i = 0; i < 240; i++) {
        const a = (await (await g.fetch(path)).json()) as {
          status: string;
          stale: boolean;
          units: { features: unknown[] };
        };
        if (a.status === 'ready' && !a.stale && a.units.features.length > 0)
          return { unit: created.id, etag, units: a.units.features.length };
        if (a.status === 'failed') throw new Error('the analysis failed');
        await new Promise<void>((resolve) => g.setTimeout(resolve, 250));
      }
      throw new Error('the analysis did not become ready in 60 s');
    },
    { id: survey, coordinates: ring.map((p): [number, number] => [p[0], p[1]]) },
  );
}

/** On the map page after the layers flow: the survey's imagery on, VARI, Mongolian. */
export async function analysisFlow(page: Page, watch: BrowserWatch): Promise<void> {
  const survey = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).document.body.dataset.surveyFocused ?? '',
  );
  check(survey !== '', 'no survey was focused by the surveys flow');
  await expectTexts(page, ['Талбайн статистик', 'Талбай зурах'], 'statistics card (mn)');
  const [w, s, e, n] = await frameSurvey(page, survey);
  const at = (fx: number, fy: number): Point => [w + (e - w) * fx, s + (n - s) * fy];
  const square = await onScreen(page, [at(0.3, 0.3), at(0.7, 0.3), at(0.7, 0.7), at(0.3, 0.7)]);

  // A square inside the survey: its statistics and histogram in one request.
  const asked = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/statistics');
  await draw(page, square);
  const request = (await asked).postDataJSON() as {
    product: string;
    geometry: { coordinates: number[][][] };
  };
  check(request.product === 'vari', `statistics asked for ${request.product}, not the shown VARI`);
  check(request.geometry.coordinates[0]?.length === 5, 'the drawn ring does not have 4 corners closed');
  const vari = await readyStats(page, 'vari');
  check(vari.count > 0, `the statistics count ${vari.count} pixels`);
  check(vari.bars.length > 0, 'the histogram has no bars');
  // The histogram spans the legend's range: its bars and the pixels beyond it make the count.
  const summed = vari.bars.reduce((a, b) => a + b, 0);
  check(summed > 0, 'every histogram bar is empty');
  check(
    summed + vari.outside === vari.count,
    `histogram bars ${summed} + ${vari.outside} beyond its range ≠ count ${vari.count}`,
  );
  const fills = await page
    .getByTestId('stats-bar')
    .evaluateAll((rects) => new Set(rects.map((r) => r.getAttribute('fill'))).size);
  check(fills > 1, 'the histogram bars are all one colour, not the legend ramp');
  await expectTexts(page, ['Пиксел', 'Дундаж', 'P10 / P50 / P90', 'га'], 'statistics (mn)');
  await shot(page, 'analysis-01-stats-vari-mn.png');
  console.log(
    `smoke: area statistics of VARI: ${vari.count} px, ${summed} in ${vari.bars.length} bins, ${vari.outside} beyond`,
  );

  // True colour on the map: the numbers follow on the cover index.
  const item = page.locator(`[data-testid=survey-layer][data-survey-id="${survey}"]`);
  await watch.expectingAborts(async () => {
    await item.getByTestId('layer-product').selectOption('rgb');
    // VARI has no value where G + R = B; ExG (2G − R − B) has one at every valid pixel.
    const exg = await readyStats(page, 'exg');
    check(exg.count >= vari.count, `ExG counts ${exg.count} px over the same area, VARI ${vari.count}`);
    console.log(`smoke: area statistics of ExG (true colour shown): ${exg.count} px`);
  });
  await shot(page, 'analysis-02-stats-exg-mn.png');

  // A bow-tie ring is refused, in words.
  const bowtie = [square[0], square[2], square[1], square[3]] as Point[];
  await watch.expecting([{ method: 'POST', path: '/api/statistics', status: 400 }], async () => {
    await draw(page, bowtie);
    await page.getByTestId('stats-error').waitFor();
  });
  const refusal = (await page.getByTestId('stats-error').textContent()) ?? '';
  check(/self-intersect|intersect/i.test(refusal), `the refusal reads "${refusal}"`);
  await shot(page, 'analysis-03-self-intersection-mn.png');

  // Esc cancels a drawing.
  await page.getByTestId('draw-start').click();
  await page.mouse.click(square[0]?.[0] ?? 0, square[0]?.[1] ?? 0);
  await page.keyboard.press('Escape');
  await page.getByTestId('draw-start').waitFor();

  // The unit analysis card and the calibration of the survey: no units over it yet.
  await page.getByTestId('units-none').waitFor();
  await expectTexts(page, ['Бэлчээрийн нэгжийн шинжилгээ', 'Биомассын калибровк'], 'unit analysis (mn)');
  await page.getByTestId('units-measure').selectOption('cover');
  const hash = await page.evaluate(
    () => (globalThis as unknown as { location: { hash: string } }).location.hash,
  );
  check(hash.includes('measure=cover') && hash.includes('layers='), `the URL hash is "${hash}"`);

  // A pasture unit over the survey's west part, analysed: after a reload (measure kept), the
  // choropleth is drawn and a click on the unit opens its numbers.
  const west = [at(0.08, 0.15), at(0.45, 0.15), at(0.45, 0.85), at(0.08, 0.85), at(0.08, 0.15)];
  const added = await createUnitAndAnalyse(page, survey, west);
  check(added.units === 1, `the analysis has ${added.units} units after adding one`);
  await watch.expectingAborts(async () => {
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('units-legend').waitFor();
  });
  check((await page.getByTestId('units-measure').inputValue()) === 'cover', 'the measure is lost on reload');
  await frameSurvey(page, survey);
  const [inside] = await onScreen(page, [at(0.2, 0.5)]);
  check(inside !== undefined, 'cannot place a click on the unit');
  await page.mouse.click(inside[0], inside[1]);
  await page.getByTestId('result-popup').waitFor();
  await expectTexts(page, ['Smoke unit', 'Ногоон бүрхэц', 'калибровкгүй', 'Улирлын даац'], 'unit popup (mn)');
  check((await page.getByTestId('unit-popup').count()) === 0, 'a soum popup opened with the unit popup');
  await shot(page, 'analysis-04-units-cover-mn.png');
  await page.locator('.maplibregl-popup-close-button').click();

  await page.getByTestId('lang-en').click();
  await expectTexts(
    page,
    ['Statistics of an area', 'Analysis by pasture unit', 'Biomass calibration'],
    'analysis (en)',
  );
  await shot(page, 'analysis-05-units-en.png');
  await page.getByTestId('lang-mn').click();

  // The unit goes again, so the flows after this one find the organisation as they expect.
  const deleted = await page.evaluate(
    async ({ unit, etag }) =>
      (
        await (globalThis as unknown as FetchGlobals).fetch(`/api/pasture-units/${unit}`, {
          method: 'DELETE',
          headers: { 'If-Match': etag },
        })
      ).status,
    added,
  );
  check(deleted === 204, `DELETE of the smoke unit answered ${deleted}`);
}
