/**
 * Browser smoke test of the web shell against the real API (`npm run test:browser`):
 * builds the web app if stale, starts the API on a free port with a fresh DATA_DIR, then in headless
 * Chromium: a wrong password shows the error, signing in shows the map page in Mongolian, English
 * after the switch (kept over a reload), Mongolian again; the soum layer is loaded (≥ 300 soums) and
 * rendered; a click on a soum opens its popup; a survey is created, its ortho uploaded (resumed after
 * a reload), processed and shown on the map (surveys.flow.ts). Any console error, uncaught
 * exception, failed request or unexpected HTTP error fails the run. Then, with requests intercepted,
 * the error states: 429 with its countdown, server unreachable, boundaries failing, no surveys.
 * Screenshots go to tests/artifacts/.
 *
 * Env: BELCHEER_SMOKE_API_ENTRY (default api/src/main.ts) to run against another server entry.
 */
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startApi, type ApiServer } from './api.server.ts';
import { BrowserWatch } from './browser.checks.ts';
import {
  artifacts,
  check,
  expectTexts,
  rootDir,
  shot,
  STEP_TIMEOUT,
  type PageGlobals,
} from './page.helpers.ts';
import { emptySurveysState, surveyFlow } from './surveys.flow.ts';
import { layersFlow } from './layers.flow.ts';
import { analysisFlow } from './analysis.flow.ts';
import { planningFlow } from './planning.flow.ts';

const ADMIN_EMAIL = 'admin@example.mn';
const ADMIN_PASSWORD = 'smoke-test-password-7f3a9c1e';
const SOUM_LAYER = 'soum-fill';

async function htmlLang(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang);
}

/** Waits until the soum source reports ≥ 300 features, the layer has rendered ones and the map is idle. */
async function waitForSoums(page: Page): Promise<{ loaded: number; rendered: number }> {
  await page.waitForFunction(
    (layer) => {
      const g = globalThis as unknown as PageGlobals;
      const map = g.__belcheerMap;
      const loaded = Number(g.document.body.dataset.soumsLoaded ?? '0');
      return (
        loaded >= 300 &&
        !!map &&
        map.loaded() &&
        !map.isMoving() &&
        map.queryRenderedFeatures({ layers: [layer] }).length > 0
      );
    },
    SOUM_LAYER,
    { timeout: STEP_TIMEOUT, polling: 250 },
  );
  return page.evaluate((layer) => {
    const g = globalThis as unknown as PageGlobals;
    return {
      loaded: Number(g.document.body.dataset.soumsLoaded ?? '0'),
      rendered: g.__belcheerMap?.queryRenderedFeatures({ layers: [layer] }).length ?? 0,
    };
  }, SOUM_LAYER);
}

async function labelField(page: Page): Promise<string> {
  return page.evaluate(() =>
    JSON.stringify(
      (globalThis as unknown as PageGlobals).__belcheerMap?.getLayoutProperty('aimag-label', 'text-field'),
    ),
  );
}

async function run(api: ApiServer, browser: Browser): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const watch = new BrowserWatch(page);
  page.setDefaultTimeout(STEP_TIMEOUT);
  try {
    await steps(api, context, page, watch);
  } catch (err) {
    await shot(page, 'failure.png').catch(() => undefined);
    const seen =
      watch.problems.length > 0 ? `\n  the browser also reported:\n    ${watch.problems.join('\n    ')}` : '';
    throw new Error(`${err instanceof Error ? err.message : String(err)}${seen}`, { cause: err });
  } finally {
    await context.close();
  }
}

async function steps(
  api: ApiServer,
  context: BrowserContext,
  page: Page,
  watch: BrowserWatch,
): Promise<void> {
  // Sign-in page, Mongolian by default. GET /api/me answers 401 before signing in.
  await watch.expecting([{ method: 'GET', path: '/api/me', status: 401 }], async () => {
    await page.goto(api.url, { waitUntil: 'load' });
    await page.getByTestId('login-form').waitFor();
  });
  await expectTexts(page, ['Нэвтрэх', 'Имэйл', 'Нууц үг'], 'login page');
  check((await htmlLang(page)) === 'mn', 'the login page is not <html lang="mn">');
  await shot(page, '01-login-mn.png');

  // A wrong password is refused with a message.
  await page.getByTestId('login-email').fill(ADMIN_EMAIL);
  await page.getByTestId('login-password').fill('not-the-password');
  await watch.expecting([{ method: 'POST', path: '/api/auth/login', status: 401 }], async () => {
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
  });
  await shot(page, '02-login-error-mn.png');

  // Signing in shows the map page in Mongolian.
  await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('map').waitFor();
  await expectTexts(
    page,
    [
      'Бэлчээр / Belcheer',
      'Газрын зураг',
      'Гарах',
      'Администратор',
      'Давхаргууд',
      'Аймгийн хил',
      'Сумын хил',
    ],
    'map page (mn)',
  );
  const soums = await waitForSoums(page);
  check(soums.loaded >= 300, `only ${soums.loaded} soums loaded`);
  check(soums.rendered > 0, 'no soum features rendered');
  check((await labelField(page)).includes('name_mn'), 'aimag labels are not in Mongolian');
  await shot(page, '03-map-mn.png');

  // A click in the middle of the map opens the popup of the soum there.
  const box = await page.getByTestId('map').boundingBox();
  check(box !== null, 'the map has no box');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.getByTestId('unit-popup').waitFor();
  await expectTexts(page, ['Талбай', 'га', 'Код', 'Аймаг'], 'soum popup (mn)');
  await shot(page, '04-popup-mn.png');

  // English, kept over a reload.
  await page.getByTestId('lang-en').click();
  await expectTexts(
    page,
    ['Log out', 'Map', 'Administrator', 'Layers', 'Aimag boundaries', 'Area', 'ha', 'Code'],
    'map page (en)',
  );
  check((await htmlLang(page)) === 'en', 'switching to English did not set <html lang="en">');
  check((await labelField(page)).includes('name_en'), 'aimag labels did not switch to English');
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__belcheerMap?.loaded() === true);
  await shot(page, '05-map-en.png');
  await page.reload({ waitUntil: 'load' });
  await page.getByTestId('map').waitFor();
  await expectTexts(page, ['Log out', 'Layers'], 'map page after reload (en)');
  await waitForSoums(page);

  // Back to Mongolian.
  await page.getByTestId('lang-mn').click();
  await expectTexts(page, ['Гарах', 'Газрын зураг', 'Давхаргууд'], 'map page (mn again)');
  check((await htmlLang(page)) === 'mn', 'switching back did not set <html lang="mn">');
  const stored = await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).localStorage.getItem('belcheer.lang'),
  );
  check(stored === 'mn', `the language is stored as ${stored}`);
  await waitForSoums(page);

  // Zoomed in on the Ulaanbaatar area: soum names appear.
  await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).__belcheerMap?.jumpTo({ center: [106.4, 47.6], zoom: 7 }),
  );
  await page.waitForFunction(() => {
    const map = (globalThis as unknown as PageGlobals).__belcheerMap;
    return !!map && map.loaded() && map.queryRenderedFeatures({ layers: ['soum-label'] }).length > 0;
  });
  await shot(page, '06-soums-zoomed-mn.png');

  // Surveys: create one, upload its ortho (a reload in the middle), processing, on the map.
  const surveyStarted = Date.now();
  const timings = await surveyFlow(page, context, watch);
  console.log(
    `smoke: survey flow ${((Date.now() - surveyStarted) / 1000).toFixed(1)} s (resumed upload ` +
      `${(timings.resumeMs / 1000).toFixed(1)} s, processing seen ready after ${(timings.processingMs / 1000).toFixed(1)} s)`,
  );
  await layersFlow(page, watch);
  await analysisFlow(page, watch);
  await planningFlow(page, watch);
  await page.getByRole('button', { name: 'Монгол улсыг бүтнээр харах' }).click();
  await waitForSoums(page);

  // A phone-sized screen.
  await page.setViewportSize({ width: 390, height: 780 });
  await page.waitForTimeout(300);
  await waitForSoums(page);
  await shot(page, '07-map-mobile-mn.png');
  await page.getByTestId('nav-surveys').click();
  await page.getByTestId('survey-list').waitFor();
  await shot(page, 'survey-10-list-mobile-mn.png');

  // Log out: back to the sign-in page.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId('logout').click();
  await page.getByTestId('login-form').waitFor();
  check(watch.problems.length === 0, `the browser reported problems:\n  ${watch.problems.join('\n  ')}`);
}

/**
 * The states a person sees when things go wrong, provoked by intercepting requests in a context of
 * its own (so its deliberate failures are not counted): rate-limited sign-in with the Retry-After
 * countdown, a server that does not answer, boundaries that fail to load.
 */
async function errorStates(api: ApiServer, browser: Browser): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  try {
    const tooMany = { error: { code: 'too_many_requests', message: 'too many failed sign-in attempts' } };
    await page.route('**/api/auth/login', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': '42' },
        contentType: 'application/json',
        body: JSON.stringify(tooMany),
      }),
    );
    await page.goto(api.url, { waitUntil: 'load' });
    await page.getByTestId('login-email').fill(ADMIN_EMAIL);
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    const message = (await page.getByTestId('login-error').textContent()) ?? '';
    check(/Хэт олон удаа оролдлоо\. 4[12] секунд/.test(message), `the 429 message reads "${message}"`);
    check(
      await page.getByTestId('login-submit').isDisabled(),
      'signing in is not blocked during the countdown',
    );
    await shot(page, '08-login-429-mn.png');
    await page.unroute('**/api/auth/login');

    await page.route('**/api/me', (route) => route.abort('connectionrefused'));
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('unreachable').waitFor();
    await expectTexts(page, ['Сервертэй холбогдож чадсангүй', 'Дахин оролдох'], 'server unreachable page');
    await shot(page, '09-unreachable-mn.png');
    await page.unroute('**/api/me');

    const down = { error: { code: 'unavailable', message: 'down for maintenance' } };
    await page.route('**/api/admin-units*', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify(down) }),
    );
    await page.route(/\/api\/surveys\?/, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ surveys: [] }) }),
    );
    await page.getByRole('button', { name: 'Дахин оролдох' }).click();
    await page.getByTestId('login-form').waitFor();
    await page.getByTestId('login-email').fill(ADMIN_EMAIL);
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('map-error').waitFor();
    await expectTexts(page, ['Хил хязгаарын мэдээллийг ачаалж чадсангүй', '503'], 'boundaries error');
    await shot(page, '10-map-error-mn.png');
    await emptySurveysState(page);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  await mkdir(artifacts, { recursive: true });
  const build = spawnSync(process.execPath, [path.join(rootDir, 'web', 'scripts', 'build-if-stale.mjs')], {
    cwd: rootDir,
    stdio: 'inherit',
  });
  check(build.status === 0, 'the web build failed');

  let api: ApiServer | null = null;
  let browser: Browser | null = null;
  let failure: unknown = null;
  const started = Date.now();
  try {
    api = await startApi({
      rootDir,
      entry: process.env.BELCHEER_SMOKE_API_ENTRY ?? 'api/src/main.ts',
      env: { BELCHEER_ADMIN_EMAIL: ADMIN_EMAIL, BELCHEER_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' },
      logFile: path.join(artifacts, 'api.log'),
      startTimeoutMs: 120_000,
    });
    console.log(`smoke: API up at ${api.url} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    await run(api, browser);
    await errorStates(api, browser);
  } catch (err) {
    failure = err;
  } finally {
    await browser?.close().catch(() => undefined);
    await api?.stop().catch(() => undefined);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failure) {
    console.error(
      `smoke: FAILED after ${seconds} s: ${failure instanceof Error ? failure.message : String(failure)}`,
    );
    console.error(
      `smoke: screenshots and the API log are in ${path.relative(process.cwd(), artifacts) || '.'}`,
    );
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
    return;
  }
  console.log(`smoke: ok in ${seconds} s; screenshots in ${path.relative(process.cwd(), artifacts) || '.'}`);
  console.log('1 passed, 0 failed');
}

await main();
