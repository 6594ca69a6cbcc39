/**
 * The surveys part of the browser smoke test: on the surveys page, create a survey through the form
 * (band presets, aimag → soum), upload the sample ortho through the file input over a throttled link
 * (96 KiB/s, through the DevTools protocol), pause and resume it, reload in the middle — the page
 * warns first — and see the interrupted upload offered, choose the same file and see it resume at
 * the server's offset and reach 100 %, wait for processing to make it ready, check the COG answers a range request, then
 * "show on map": the map fits the survey and its footprint is rendered, a click opens its popup, and
 * zoomed out it is a point. Also the empty state, with the list answered empty.
 */
import path from 'node:path';
import type { BrowserContext, CDPSession, Locator, Page } from 'playwright-core';
import type { BrowserWatch } from './browser.checks.ts';
import { check, expectTexts, rootDir, shot, STEP_TIMEOUT, type PageGlobals } from './page.helpers.ts';

const SAMPLE = path.join(rootDir, 'sample-data', 'drone', 'pix4d_alpha_nodata.tif');
const NAME = 'Хаврын бэлчээр — смоук тест';
// Slow enough that pausing, resuming and reloading happen mid-upload even on a loaded machine.
const THROTTLE_BYTES_PER_S = 96 * 1024;

export interface SurveyTimings {
  /** From choosing the file again after the reload to 100 %. */
  readonly resumeMs: number;
  /** From 100 % to the list showing the survey ready. */
  readonly processingMs: number;
}

/** Polls an attribute of a locator until `accept` says yes; returns the value. */
async function waitForAttribute(
  locator: Locator,
  name: string,
  accept: (value: string | null) => boolean,
  what: string,
): Promise<string | null> {
  const deadline = Date.now() + STEP_TIMEOUT;
  let value: string | null = null;
  while (Date.now() < deadline) {
    value = await locator.getAttribute(name, { timeout: STEP_TIMEOUT }).catch(() => null);
    if (accept(value)) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: ${name} is still ${value}`);
}

async function bandNames(page: Page): Promise<string[]> {
  return page.getByTestId('survey-bands').locator('.bands__name').allInnerTexts();
}

/** Limits the page's upload speed (0: no limit) for as long as `cdp` stays attached. */
async function throttle(cdp: CDPSession, bytesPerSecond: number): Promise<void> {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: bytesPerSecond > 0 ? 40 : 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond > 0 ? bytesPerSecond : -1,
  });
}

async function createSurvey(page: Page): Promise<Locator> {
  await page.getByTestId('new-survey').click();
  await page.getByTestId('survey-form').waitFor();
  await page.getByTestId('survey-name').fill(NAME);
  await page.getByTestId('survey-kind-multispectral').click();
  const p4m = await bandNames(page);
  check(
    p4m.join(',') === 'Цэнхэр,Ногоон,Улаан,Улаан ирмэг,Ойрын хэт улаан',
    `the default band order (DJI P4 Multispectral) reads ${p4m.join(', ')}`,
  );
  await page.getByTestId('survey-sensor').selectOption('micasense-rededge');
  const rededge = await bandNames(page);
  check(
    rededge.join(',') === 'Цэнхэр,Ногоон,Улаан,Ойрын хэт улаан,Улаан ирмэг',
    `the MicaSense RedEdge band order reads ${rededge.join(', ')}`,
  );
  await page.getByTestId('survey-aimag').selectOption('MN43');
  await page.getByTestId('survey-soum').selectOption('MN4304');
  await shot(page, 'survey-02-new-mn.png');
  // The sample ortho is RGB + alpha.
  await page.getByTestId('survey-kind-rgb').click();
  await page.getByTestId('survey-submit').click();
  const card = page.getByTestId('survey-card').filter({ hasText: NAME });
  await card.waitFor();
  check((await card.getAttribute('data-status')) === 'created', 'the new survey is not "created"');
  await expectTexts(page, ['Файл хүлээж байна', 'Алтанбулаг, Сэлэнгэ'], 'the new survey');
  return card;
}

/** Uploads over a slow link, reloads mid-way, resumes; returns the resume time. */
async function uploadWithReload(
  page: Page,
  context: BrowserContext,
  watch: BrowserWatch,
  card: Locator,
): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await throttle(cdp, THROTTLE_BYTES_PER_S);
  await card.getByTestId('upload-input').setInputFiles(SAMPLE);
  const progress = card.getByTestId('upload-progress');
  await waitForAttribute(progress, 'aria-valuenow', (v) => Number(v) >= 35, 'the throttled upload');
  const stats = (await card.getByTestId('upload-stats').textContent()) ?? '';
  check(/[КМ]Б \/ 1\.5 МБ · .+\/с · .+ үлдсэн/.test(stats), `the upload line reads "${stats}"`);
  await shot(page, 'survey-03-upload-progress-mn.png');

  // Pause (the chunk in flight is dropped) and resume from the server's offset.
  const paused = await watch.expectingAborts(async () => {
    await card.getByTestId('upload-pause').click();
    await waitForAttribute(card.getByTestId('upload-panel'), 'data-phase', (v) => v === 'paused', 'pausing');
    return Number(await progress.getAttribute('aria-valuenow'));
  });
  await card.getByTestId('upload-resume').click();
  await waitForAttribute(
    progress,
    'aria-valuenow',
    (v) => Number(v) > paused + 5,
    'the upload after resuming',
  );

  // Leaving the page mid-upload asks first; the reload cuts the upload off.
  const dialog = page.waitForEvent('dialog', { timeout: 5000 }).then(
    async (d) => {
      const type = d.type();
      await d.accept();
      return type;
    },
    () => 'none',
  );
  await watch.expectingAborts(async () => {
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('surveys-page').waitFor();
  });
  check(
    (await dialog) === 'beforeunload',
    `leaving mid-upload showed ${await dialog}, not a beforeunload prompt`,
  );
  await throttle(cdp, 0);
  await cdp.detach();

  const hint = (await card.getByTestId('upload-interrupted').textContent()) ?? '';
  const stopped = /(\d+) %-д тасарсан/.exec(hint)?.[1];
  check(stopped !== undefined && Number(stopped) > 0, `the interrupted upload reads "${hint}"`);
  await shot(page, 'survey-04-upload-interrupted-mn.png');

  const started = Date.now();
  await card.getByTestId('upload-input').setInputFiles(SAMPLE);
  const resumed = (await card.getByTestId('upload-resumed').textContent()) ?? '';
  check(
    new RegExp(`Тасарсан байршуулалт ${stopped} %-д олдлоо, үргэлжлүүлж байна`).test(resumed),
    `resuming reads "${resumed}" (stopped at ${stopped} %)`,
  );
  await waitForAttribute(progress, 'aria-valuenow', (v) => v === '100', 'the resumed upload');
  const resumeMs = Date.now() - started;
  await page.waitForTimeout(300); // the bar's width transition
  await shot(page, 'survey-05-upload-done-mn.png');
  return resumeMs;
}

async function surveyOnMap(page: Page, id: string): Promise<void> {
  await page.getByTestId('survey-card').filter({ hasText: NAME }).getByTestId('survey-zoom').click();
  await page.getByTestId('map').waitFor();
  await page.waitForFunction(
    (surveyId) => {
      const g = globalThis as unknown as PageGlobals;
      const map = g.__belcheerMap;
      return (
        g.document.body.dataset.surveyFocused === surveyId &&
        !!map &&
        map.loaded() &&
        !map.isMoving() &&
        map.queryRenderedFeatures({ layers: ['survey-fill'] }).some((f) => f.properties.id === surveyId)
      );
    },
    id,
    { timeout: STEP_TIMEOUT, polling: 100 },
  );
  await shot(page, 'survey-07-on-map-mn.png');

  // A click inside the footprint opens the survey's popup.
  const bbox = await page.evaluate(async (surveyId) => {
    const res = await (globalThis as unknown as PageGlobals).fetch(`/api/surveys/${surveyId}`);
    return ((await res.json()) as { bbox: [number, number, number, number] }).bbox;
  }, id);
  const centre: [number, number] = [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2];
  const at = await page.evaluate(
    (lngLat) => (globalThis as unknown as PageGlobals).__belcheerMap?.project(lngLat) ?? null,
    centre,
  );
  const box = await page.getByTestId('map').boundingBox();
  check(at !== null && box !== null, 'cannot place a click on the survey');
  await page.mouse.click(box.x + at.x, box.y + at.y);
  await page.getByTestId('survey-popup').waitFor();
  const title = (await page.getByTestId('survey-popup').locator('h3').textContent()) ?? '';
  check(title === NAME, `the popup shows "${title}", not the survey zoomed to`);
  await expectTexts(
    page,
    ['35 см', '686 × 758 пиксел', 'WGS 84 / UTM zone 50S', 'COG татах'],
    'survey popup',
  );
  await shot(page, 'survey-08-popup-mn.png');

  // Zoomed out, the survey is a point.
  await page.locator('.maplibregl-popup-close-button').click();
  await page.evaluate(
    (c) => (globalThis as unknown as PageGlobals).__belcheerMap?.jumpTo({ center: c, zoom: 6 }),
    centre,
  );
  await page.waitForFunction(
    (surveyId) => {
      const map = (globalThis as unknown as PageGlobals).__belcheerMap;
      return (
        !!map &&
        map.loaded() &&
        map.queryRenderedFeatures({ layers: ['survey-point'] }).some((f) => f.properties.id === surveyId)
      );
    },
    id,
    { timeout: STEP_TIMEOUT, polling: 100 },
  );
  await shot(page, 'survey-09-point-mn.png');

  // The legend's survey count fits the map to every survey.
  await page.getByTestId('legend-surveys-count').click();
  await page.waitForFunction(
    (surveyId) => {
      const map = (globalThis as unknown as PageGlobals).__belcheerMap;
      return (
        !!map &&
        !map.isMoving() &&
        map.getZoom() > 14 &&
        map.queryRenderedFeatures({ layers: ['survey-fill'] }).some((f) => f.properties.id === surveyId)
      );
    },
    id,
    { timeout: STEP_TIMEOUT, polling: 100 },
  );
}

/** The ready survey's offline package: asked for, its progress followed, its zip downloadable, kept over a reload. */
async function offlinePackage(page: Page, card: Locator): Promise<void> {
  await card.getByTestId('package-request').click();
  const link = card.getByTestId('package-download');
  await link.waitFor({ timeout: 120_000 });
  await expectTexts(page, ['Офлайн багц татах'], 'the offline package link');
  await shot(page, 'survey-06-package-mn.png');
  const href = await link.getAttribute('href');
  check(href !== null, 'the offline package link has no href');
  const zip = await page.evaluate(async (url) => {
    const res = await (globalThis as unknown as PageGlobals).fetch(url, { headers: { Range: 'bytes=0-3' } });
    const head = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, magic: Array.from(head).join(',') };
  }, href);
  // A zip starts with the local file header signature PK\x03\x04.
  check(zip.status === 206 && zip.magic === '80,75,3,4', `the package zip answers ${JSON.stringify(zip)}`);
  // After a reload the card finds the same package (remembered in this browser), not a button to build another.
  await page.reload();
  await link.waitFor({ timeout: STEP_TIMEOUT });
  check((await link.getAttribute('href')) === href, 'after a reload the card links another package');
  console.log(`surveys: offline package ready, ${href}, found again after a reload`);
}

/** From the map page (signed in, Mongolian) through the surveys page and back to the map. */
export async function surveyFlow(
  page: Page,
  context: BrowserContext,
  watch: BrowserWatch,
): Promise<SurveyTimings> {
  await page.getByTestId('nav-surveys').click();
  await page.getByTestId('surveys-page').waitFor();
  await expectTexts(page, ['Дрон зураглалууд', 'Шинэ зураглал'], 'surveys page (mn)');
  await page.getByTestId('survey-list').or(page.getByTestId('surveys-empty')).first().waitFor();
  await shot(page, 'survey-01-list-mn.png');

  const card = await createSurvey(page);
  const id = await card.getAttribute('data-survey-id');
  check(id !== null, 'the survey card has no id');
  const resumeMs = await uploadWithReload(page, context, watch, card);

  const uploaded = Date.now();
  await page
    .locator(`[data-testid=survey-card][data-survey-id="${id}"][data-status=ready]`)
    .waitFor({ timeout: 120_000 });
  const processingMs = Date.now() - uploaded;
  await expectTexts(
    page,
    ['35 см', '686 × 758 пиксел', 'Газрын зураг дээр', 'COG татах'],
    'the ready survey',
  );
  await shot(page, 'survey-06-ready-mn.png');

  const cog = await page.evaluate(async (surveyId) => {
    const res = await (globalThis as unknown as PageGlobals).fetch(`/api/surveys/${surveyId}/imagery.tif`, {
      headers: { Range: 'bytes=0-3' },
    });
    return { status: res.status, type: res.headers.get('content-type') };
  }, id);
  check(
    cog.status === 206 && (cog.type ?? '').startsWith('image/tiff'),
    `the COG answers ${JSON.stringify(cog)}`,
  );

  await offlinePackage(page, card);

  await page.getByTestId('lang-en').click();
  await expectTexts(
    page,
    ['Drone surveys', 'Ready', 'Show on map', '35 cm', 'Download COG'],
    'surveys page (en)',
  );
  await shot(page, 'survey-06-ready-en.png');
  await page.getByTestId('lang-mn').click();
  await expectTexts(page, ['Дрон зураглалууд'], 'surveys page (mn again)');

  await surveyOnMap(page, id);
  return { resumeMs, processingMs };
}

/** The surveys page of an organisation without surveys (the list is answered empty). */
export async function emptySurveysState(page: Page): Promise<void> {
  await page.getByTestId('nav-surveys').click();
  await page.getByTestId('surveys-empty').waitFor();
  await expectTexts(page, ['Одоогоор зураглал алга', 'Анхны зураглалаа үүсгэх'], 'surveys empty state');
  await shot(page, 'survey-11-empty-mn.png');
}
