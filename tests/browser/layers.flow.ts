/**
 * The survey layers part of the browser smoke test, on the map with the survey the surveys flow
 * processed (pix4d_alpha_nodata.tif): switch its imagery on in the layer panel and see true-colour
 * tiles answer 200 PNGs; pick an index (VARI) and see its tiles and its legend (gradient, ticks);
 * move the opacity slider and see `raster-opacity` follow; click inside the footprint and see the
 * point popup's band values equal GDAL's (`gdallocationinfo -wgs84` on the same file) and VARI equal
 * (G − R) / (G + R − B) of them; reload and find the panel as it was (URL hash); English labels.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page, Response } from 'playwright-core';
import type { BrowserWatch } from './browser.checks.ts';
import { check, expectTexts, rootDir, shot, STEP_TIMEOUT, type PageGlobals } from './page.helpers.ts';

const SAMPLE = path.join(rootDir, 'sample-data', 'drone', 'pix4d_alpha_nodata.tif');
const INDEX = 'vari';
const OPACITY = 40;

/** The page-side map methods this flow reads besides those of PageGlobals. */
interface LayerGlobals {
  __belcheerMap?: {
    getLayer(id: string): unknown;
    getPaintProperty(layer: string, name: string): unknown;
    isSourceLoaded(id: string): boolean;
    loaded(): boolean;
    isMoving(): boolean;
    project(lngLat: [number, number]): { x: number; y: number };
  };
  location: { hash: string };
}

interface TileAnswer {
  readonly product: string;
  readonly status: number;
  readonly png: boolean;
}

/** Records the survey's raster tile answers (status, and whether the body is a PNG). */
function watchTiles(page: Page, survey: string): TileAnswer[] {
  const answers: TileAnswer[] = [];
  const pattern = new RegExp(`^/tiles/surveys/${survey}/(\\w+)/\\d+/\\d+/\\d+\\.png$`);
  page.on('response', (res: Response) => {
    const product = pattern.exec(new URL(res.url()).pathname)?.[1];
    if (!product) return;
    const status = res.status();
    if (status !== 200) return void answers.push({ product, status, png: false });
    res.body().then(
      (body) => answers.push({ product, status, png: body.subarray(1, 4).toString('latin1') === 'PNG' }),
      () => answers.push({ product, status, png: false }),
    );
  });
  return answers;
}

/** Waits until the survey's raster layer is on the map with its tiles loaded and some 200 PNG of `product`. */
async function waitForRaster(
  page: Page,
  answers: TileAnswer[],
  survey: string,
  product: string,
): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT;
  while (!answers.some((a) => a.product === product && a.status === 200 && a.png)) {
    check(Date.now() < deadline, `no 200 PNG tile of ${product}: ${JSON.stringify(answers)}`);
    await page.waitForTimeout(100);
  }
  await page.waitForFunction(
    (id) => {
      const map = (globalThis as unknown as LayerGlobals).__belcheerMap;
      return !!map && !!map.getLayer(id) && map.isSourceLoaded(id) && map.loaded() && !map.isMoving();
    },
    `survey-raster-${survey}`,
    { timeout: STEP_TIMEOUT, polling: 100 },
  );
}

async function gdalValues(lon: number, lat: number): Promise<number[]> {
  const { stdout } = await promisify(execFile)('gdallocationinfo', [
    '-valonly',
    '-wgs84',
    SAMPLE,
    String(lon),
    String(lat),
  ]);
  return stdout.trim().split(/\s+/).map(Number);
}

async function surveyCentre(
  page: Page,
  survey: string,
): Promise<{ lngLat: [number, number]; bands: string[] }> {
  return page.evaluate(async (id) => {
    const res = await (globalThis as unknown as PageGlobals).fetch(`/api/surveys/${id}`);
    const s = (await res.json()) as { bbox: [number, number, number, number]; bands: string[] };
    return {
      lngLat: [(s.bbox[0] + s.bbox[2]) / 2, (s.bbox[1] + s.bbox[3]) / 2] as [number, number],
      bands: s.bands,
    };
  }, survey);
}

/** Clicks the map at the survey's centre and checks the point popup against GDAL. */
async function pointQuery(page: Page, survey: string): Promise<void> {
  const { lngLat, bands } = await surveyCentre(page, survey);
  const at = await page.evaluate(
    (p) => (globalThis as unknown as LayerGlobals).__belcheerMap?.project(p) ?? null,
    lngLat,
  );
  const box = await page.getByTestId('map').boundingBox();
  check(at !== null && box !== null, 'cannot place a click on the survey');
  const asked = page.waitForRequest((req) => new URL(req.url()).pathname === `/api/surveys/${survey}/point`);
  await page.mouse.click(box.x + at.x, box.y + at.y);
  const popup = page.getByTestId('point-popup');
  await popup.and(page.locator('[data-status=ready]')).waitFor();
  // GDAL is asked about the lon/lat the popup asked about (the click's, not exactly the bbox centre).
  const query = new URL((await asked).url()).searchParams;
  const clicked: [number, number] = [Number(query.get('lon')), Number(query.get('lat'))];
  const expected = await gdalValues(clicked[0], clicked[1]);
  const shown = await popup.getByTestId('point-band').evaluateAll((rows) =>
    rows.map((r) => {
      const el = r as unknown as { dataset: { band?: string; value?: string } };
      return [el.dataset.band ?? '', Number(el.dataset.value)] as const;
    }),
  );
  check(shown.length >= 3, `the popup shows ${shown.length} band values`);
  for (const [band, value] of shown) {
    const gdal = expected[bands.indexOf(band)];
    check(gdal === value, `band ${band} at ${clicked.join(', ')}: popup ${value}, gdallocationinfo ${gdal}`);
  }
  const [r, g, b] = ['red', 'green', 'blue'].map((n) => expected[bands.indexOf(n)] ?? NaN) as [
    number,
    number,
    number,
  ];
  const vari = Number(
    await popup.locator(`[data-testid=point-index][data-index=${INDEX}]`).getAttribute('data-value'),
  );
  const hand = (g - r) / (g + r - b);
  check(Math.abs(vari - hand) < 1e-5, `VARI in the popup ${vari}, by hand from GDAL's bands ${hand}`);
  await expectTexts(page, ['Сувгууд', 'Улаан', 'Ногоон', 'Цэнхэр', 'Индексүүд', 'VARI'], 'point popup (mn)');
  await shot(page, 'layers-04-point-popup-mn.png');
  console.log(
    `smoke: point (${clicked.map((v) => v.toFixed(6)).join(', ')}): bands ${JSON.stringify(shown)}, VARI ${vari}`,
  );
}

/** On the map page, signed in, Mongolian, after the surveys flow focused the survey it made. */
export async function layersFlow(page: Page, watch: BrowserWatch): Promise<void> {
  const survey = await page.evaluate(
    () => (globalThis as unknown as PageGlobals).document.body.dataset.surveyFocused ?? '',
  );
  check(survey !== '', 'no survey was focused by the surveys flow');
  const answers = watchTiles(page, survey);
  const item = page.locator(`[data-testid=survey-layer][data-survey-id="${survey}"]`);
  await expectTexts(page, ['Зураглалын давхаргууд'], 'layer panel (mn)');

  // On: true colour, fitted to the survey.
  await watch.expectingAborts(async () => {
    await item.getByTestId('layer-zoom').click();
    await item.getByTestId('layer-toggle').check();
    await waitForRaster(page, answers, survey, 'rgb');
  });
  await item.locator('[data-testid=product-legend][data-kind=rgb]').waitFor();
  await shot(page, 'layers-01-rgb-mn.png');

  // An index: its tiles, its legend with a gradient and three ticks.
  const offered = await item
    .getByTestId('layer-product')
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
  check(offered.includes(INDEX), `the product picker offers ${offered.join(', ')}, not ${INDEX}`);
  await watch.expectingAborts(async () => {
    await item.getByTestId('layer-product').selectOption(INDEX);
    await waitForRaster(page, answers, survey, INDEX);
  });
  const legend = item.locator('[data-testid=product-legend][data-kind=continuous]');
  await legend.waitFor();
  const gradient = await legend
    .getByTestId('legend-bar')
    .evaluate((el) => (el as unknown as { style: { background: string } }).style.background);
  check(gradient.includes('linear-gradient'), `the legend bar is drawn with "${gradient}"`);
  const ticks = await legend.locator('.product-legend__ticks span').count();
  check(ticks === 3, `the legend has ${ticks} ticks`);
  await shot(page, 'layers-02-index-mn.png');

  // Opacity.
  await item.getByTestId('layer-opacity').fill(String(OPACITY));
  await page.waitForFunction(
    ([id, want]) =>
      (globalThis as unknown as LayerGlobals).__belcheerMap?.getPaintProperty(id, 'raster-opacity') === want,
    [`survey-raster-${survey}`, OPACITY / 100] as const,
  );
  const hash = await page.evaluate(() => (globalThis as unknown as LayerGlobals).location.hash);
  check(hash.includes(`layers=${survey}:${INDEX}:${OPACITY}:`), `the URL hash is "${hash}"`);
  await shot(page, 'layers-03-opacity-mn.png');

  await pointQuery(page, survey);
  const bad = answers.filter((a) => a.status >= 400 || (a.status === 200 && !a.png));
  check(bad.length === 0, `tile answers that are not PNG images: ${JSON.stringify(bad)}`);
  const ok = answers.filter((a) => a.status === 200).length;
  console.log(`smoke: ${ok} survey tiles 200 PNG, ${answers.filter((a) => a.status === 204).length} 204`);

  // A reload restores the panel from the hash.
  await page.locator('.maplibregl-popup-close-button').click();
  await watch.expectingAborts(async () => {
    await page.reload({ waitUntil: 'load' });
    await item.getByTestId('layer-product').waitFor();
  });
  check(await item.getByTestId('layer-toggle').isChecked(), 'the layer is off after a reload');
  const product = await item.getByTestId('layer-product').inputValue();
  const opacity = await item.getByTestId('layer-opacity').inputValue();
  check(product === INDEX && opacity === String(OPACITY), `after a reload: ${product}, ${opacity} %`);
  await waitForRaster(page, answers, survey, INDEX);

  await page.getByTestId('lang-en').click();
  await expectTexts(page, ['Survey layers', 'Product', 'Opacity', 'Colour scale'], 'layer panel (en)');
  await shot(page, 'layers-05-restored-en.png');
  await page.getByTestId('lang-mn').click();
  await expectTexts(page, ['Зураглалын давхаргууд'], 'layer panel (mn again)');
}
