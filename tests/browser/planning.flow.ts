/**
 * The planning part of the browser smoke test. On the pasture units page (over the soum boundaries of
 * the admin-units vector tiles): draw a unit by clicking its corners and see its area (the live number
 * against the server's geodesic area after saving), rename it, see its history with two entries; a
 * change by someone else meanwhile answers 412 and opens the conflict dialog; split the unit by a
 * line into two halves and merge them back (areas against the original), drag a corner (area by
 * hand); import a GeoJSON file whose
 * bow-tie feature is refused in the dry-run report (its marker on the map), then a good file (area
 * against a hand computation). On the grazing plans page: a plan for the unit's soum with one herder
 * group on the unit — its capacity bar "computed when saved", then after saving the server's demand
 * and "no survey"; the report and export links answer 200; English checked. Screenshots go to
 * tests/artifacts/planning-*.png.
 */
import type { Locator, Page } from 'playwright-core';
import type { BrowserWatch } from './browser.checks.ts';
import { check, expectTexts, shot, STEP_TIMEOUT } from './page.helpers.ts';

const CENTRE: [number, number] = [105.0, 47.0];
const NAME = 'Хаврын бэлчээр 2';

interface PlanningGlobals {
  __belcheerMap?: {
    jumpTo(o: { center: [number, number]; zoom: number }): void;
    loaded(): boolean;
    isMoving(): boolean;
    queryRenderedFeatures(o: { layers: string[] }): unknown[];
  };
  fetch(
    url: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; json(): Promise<unknown> }>;
}

interface UnitFeature {
  id: string;
  properties: { area_ha: number; soum: string; name: string; version: number; notes: string | null };
}

async function request(
  page: Page,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ([p, i]) => {
      const res = await (globalThis as unknown as PlanningGlobals).fetch(p, i);
      return { status: res.status, body: res.status === 200 ? await res.json().catch(() => null) : null };
    },
    [path, init] as const,
  );
}

async function json(page: Page, path: string): Promise<unknown> {
  return (await request(page, path)).body;
}

async function units(page: Page): Promise<UnitFeature[]> {
  return ((await json(page, '/api/pasture-units')) as { features: UnitFeature[] }).features;
}

/** The one unit of that exact name. */
async function unitNamed(page: Page, name: string): Promise<UnitFeature> {
  const found = (await units(page)).filter((u) => u.properties.name === name);
  check(found.length === 1, `${found.length} units are named "${name}"`);
  return found[0] as UnitFeature;
}

/** A number shown in the Mongolian or English format (spaces or commas grouping, "," or "." decimals). */
function shownNumber(text: string): number {
  const digits = /\d[\d\s\u00a0\u202f,]*(?:[.,]\d+)?/.exec(text)?.[0] ?? '';
  const plain = digits.replace(/[\s\u00a0\u202f]/g, '');
  return Number(/,\d{1,2}$/.test(plain) ? plain.replace(',', '.') : plain.replace(/,/g, ''));
}

const listItem = (page: Page, name: string): Locator =>
  page.getByTestId('unit-list-item').filter({ has: page.getByText(name, { exact: true }) });

async function clickAt(page: Page, points: ReadonlyArray<readonly [number, number]>): Promise<void> {
  for (const [x, y] of points) {
    await page.mouse.move(x, y, { steps: 3 });
    await page.mouse.click(x, y);
    await page.waitForTimeout(250);
  }
}

async function mapIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = (globalThis as unknown as PlanningGlobals).__belcheerMap;
      return !!map && map.loaded() && !map.isMoving();
    },
    null,
    { timeout: STEP_TIMEOUT, polling: 250 },
  );
}

export async function planningFlow(page: Page, watch: BrowserWatch): Promise<void> {
  // MapLibre cancels the boundary tiles it no longer needs whenever the view moves.
  await watch.expectingAborts(() => unitsPage(page, watch));
  await plansPage(page);
  await page.getByTestId('nav-map').click();
}

async function unitsPage(page: Page, watch: BrowserWatch): Promise<void> {
  await page.getByTestId('nav-units').click();
  await page.getByTestId('planning-map').waitFor();
  await mapIdle(page);
  await page.evaluate(
    (c) => (globalThis as unknown as PlanningGlobals).__belcheerMap?.jumpTo({ center: c, zoom: 14 }),
    CENTRE,
  );
  // The backdrop: the soum around the centre comes from the admin-units vector tiles.
  await page.waitForFunction(
    () => {
      const map = (globalThis as unknown as PlanningGlobals).__belcheerMap;
      return (
        !!map && map.loaded() && map.queryRenderedFeatures({ layers: ['planning-soum-fill'] }).length > 0
      );
    },
    null,
    { timeout: STEP_TIMEOUT, polling: 250 },
  );

  // Draw a square of 200 × 200 px around the middle of the map, then close it on its first corner.
  await page.getByTestId('unit-draw').click();
  const box = await page.getByTestId('planning-map').boundingBox();
  check(box !== null, 'the planning map has no box');
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await clickAt(page, [
    [cx - 100, cy - 100],
    [cx + 100, cy - 100],
    [cx + 100, cy + 100],
    [cx - 100, cy + 100],
    [cx - 100, cy - 100],
  ]);
  await page.getByTestId('unit-form').waitFor();
  const shownArea = (await page.getByTestId('unit-area').textContent()) ?? '';
  check(/\d/.test(shownArea), `the drawn unit shows no area: "${shownArea}"`);
  await page.getByTestId('unit-name').fill('Хаврын бэлчээр');
  await page.getByTestId('unit-season').selectOption('spring');
  await page.getByTestId('unit-save').and(page.locator(':enabled')).waitFor();
  await shot(page, 'planning-01-drawn-mn.png');
  await page.getByTestId('unit-save').click();
  await page.getByTestId('unit-history-tab').waitFor();

  const drawn = await unitNamed(page, 'Хаврын бэлчээр');
  const live = shownNumber(shownArea);
  const areaHa = drawn.properties.area_ha;
  console.log(`planning: drawn area shown ${live} ha, server ${areaHa.toFixed(2)} ha`);
  check(Math.abs(live / areaHa - 1) < 0.01, `shown ${live} ha vs server ${areaHa} ha`);

  // Rename, then the history holds the creation and the edit.
  await page.getByTestId('unit-name').fill(NAME);
  await page.getByTestId('unit-save').click();
  await listItem(page, NAME).waitFor();
  await page.getByTestId('unit-history-tab').click();
  await page.getByTestId('history-entry').nth(1).waitFor();
  const entries = await page.getByTestId('history-entry').count();
  check(entries === 2, `the history shows ${entries} entries, expected 2`);
  await shot(page, 'planning-02-history-mn.png');

  // Someone else changes the notes meanwhile: saving our rename answers 412 and opens the dialog.
  const renamed = await unitNamed(page, NAME);
  const theirs = await request(page, `/api/pasture-units/${renamed.id}`, {
    method: 'PATCH',
    headers: {
      'Content-Type': 'application/json',
      'If-Match': `"${renamed.id}-v${renamed.properties.version}"`,
    },
    body: JSON.stringify({ type: 'Feature', properties: { notes: 'Өөр хүний тэмдэглэл' } }),
  });
  check(theirs.status === 200, `the other person's change answered ${theirs.status}`);
  await page.getByRole('button', { name: 'Засах' }).click();
  await page.getByTestId('unit-name').fill('Хаврын бэлчээр 3');
  const path = `/api/pasture-units/${renamed.id}`;
  await watch.expecting([{ method: 'PATCH', path, status: 412 }], async () => {
    await page.getByTestId('unit-save').click();
    await page.getByTestId('unit-conflict').waitFor();
  });
  await shot(page, 'planning-03-conflict-mn.png');
  await page.getByTestId('conflict-reload').click();
  await page.getByTestId('unit-conflict').waitFor({ state: 'detached' });
  const notes = await page.getByTestId('unit-notes').inputValue();
  check(notes === 'Өөр хүний тэмдэглэл', `after reloading theirs the notes read "${notes}"`);
  check((await page.getByTestId('unit-name').inputValue()) === NAME, 'reloading theirs kept my name');

  // Split it by a vertical line through the middle: two halves of the original area.
  await page.getByTestId('unit-split').click();
  await clickAt(page, [
    [cx, cy - 150],
    [cx, cy + 150],
    [cx, cy + 150],
  ]);
  await listItem(page, `${NAME} (2)`).waitFor();
  await mapIdle(page);
  await shot(page, 'planning-04-split-mn.png');
  const [left, right] = [await unitNamed(page, NAME), await unitNamed(page, `${NAME} (2)`)];
  const halves = left.properties.area_ha + right.properties.area_ha;
  console.log(
    `planning: split ${areaHa.toFixed(2)} ha into ${left.properties.area_ha.toFixed(2)} + ${right.properties.area_ha.toFixed(2)} ha`,
  );
  check(Math.abs(halves / areaHa - 1) < 0.005, `the halves sum to ${halves} ha, not ${areaHa} ha`);
  check(Math.abs(left.properties.area_ha / areaHa - 0.5) < 0.05, 'the line did not cut the unit in halves');

  // Merge them back: select one, shift-click the other, merge.
  await listItem(page, NAME).click();
  await listItem(page, `${NAME} (2)`).click({ modifiers: ['Shift'] });
  await page.getByTestId('unit-merge').click();
  await listItem(page, `${NAME} (2)`).waitFor({ state: 'detached' });
  const merged = await unitNamed(page, NAME);
  console.log(`planning: merged back to ${merged.properties.area_ha.toFixed(2)} ha`);
  check(
    Math.abs(merged.properties.area_ha / areaHa - 1) < 0.005,
    `merged ${merged.properties.area_ha} ha vs the original ${areaHa} ha`,
  );
  check((await units(page)).length === 1, 'the merged-away half is still listed');

  // Drag its south-east corner 100 px further out (terra-draw's select mode). The map is affine over a
  // kilometre, so the area grows as the shoelace area of the lon/lat ring with that corner moved.
  const ring = (await json(page, `/api/pasture-units/${merged.id}`)) as {
    geometry: { coordinates: number[][][][] };
  };
  const corners = ring.geometry.coordinates[0]?.[0] ?? [];
  const [w, s, e, n] = [
    Math.min(...corners.map((p) => p[0] ?? 0)),
    Math.min(...corners.map((p) => p[1] ?? 0)),
    Math.max(...corners.map((p) => p[0] ?? 0)),
    Math.max(...corners.map((p) => p[1] ?? 0)),
  ];
  const moved = corners.map(([x = 0, y = 0]) =>
    x === e && y === s ? [e + (e - w) / 2, s - (n - s) / 2] : [x, y],
  );
  const shoelace = (r: number[][]) =>
    Math.abs(
      r.reduce(
        (sum, [x = 0, y = 0], i) =>
          sum + x * (r[(i + 1) % r.length]?.[1] ?? 0) - (r[(i + 1) % r.length]?.[0] ?? 0) * y,
        0,
      ),
    ) / 2;
  const expectedHa = merged.properties.area_ha * (shoelace(moved) / shoelace(corners));
  await page.evaluate(
    (c) => (globalThis as unknown as PlanningGlobals).__belcheerMap?.jumpTo({ center: c, zoom: 14 }),
    CENTRE,
  );
  await page.getByTestId('unit-edit-shape').click();
  await mapIdle(page);
  await page.mouse.move(cx + 100, cy + 100, { steps: 3 });
  await page.mouse.down();
  await page.mouse.move(cx + 150, cy + 150, { steps: 5 });
  await page.mouse.move(cx + 200, cy + 200, { steps: 5 });
  await page.mouse.up();
  await page.waitForTimeout(250);
  await shot(page, 'planning-05-edit-shape-mn.png');
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(merged.id)),
    page.getByTestId('unit-save').click(),
  ]);
  const reshaped = (await unitNamed(page, NAME)).properties.area_ha;
  console.log(`planning: corner dragged, ${reshaped.toFixed(2)} ha (by hand ${expectedHa.toFixed(2)} ha)`);
  check(Math.abs(reshaped / expectedHa - 1) < 0.02, `reshaped to ${reshaped} ha, not ${expectedHa} ha`);

  await importUnits(page, merged.properties.soum);
}

const square = (lon: number, lat: number, d: number): number[][] => [
  [lon, lat],
  [lon + d, lat],
  [lon + d, lat + d],
  [lon, lat + d],
  [lon, lat],
];

function geojsonFile(name: string, features: ReadonlyArray<{ name: string; ring: number[][] }>) {
  const fc = {
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      properties: { name: f.name, season: 'summer' },
      geometry: { type: 'Polygon', coordinates: [f.ring] },
    })),
  };
  return { name, mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(fc)) };
}

async function soumParent(page: Page, soum: string): Promise<string> {
  const soums = (await json(page, '/api/admin-units?level=soum')) as {
    features: Array<{ properties: { code: string; parent_code: string } }>;
  };
  const found = soums.features.find((s) => s.properties.code === soum);
  check(found !== undefined, `the unit's soum ${soum} is not an admin soum`);
  return found.properties.parent_code;
}

async function importUnits(page: Page, soum: string): Promise<void> {
  const good = { name: 'Импорт А', ring: square(105.012, 47.0, 0.002) };
  const bowTie = {
    name: 'Импорт Б',
    ring: [
      [105.016, 47.0],
      [105.018, 47.002],
      [105.018, 47.0],
      [105.016, 47.002],
      [105.016, 47.0],
    ],
  };
  await page.getByTestId('unit-import').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('survey-aimag').selectOption(await soumParent(page, soum));
  await dialog.getByTestId('survey-soum').selectOption(soum);
  await dialog.getByTestId('import-file').setInputFiles(geojsonFile('units-bad.geojson', [good, bowTie]));
  await dialog.getByTestId('import-check').click();
  await dialog.getByTestId('import-summary').waitFor();
  const rows = dialog.getByTestId('import-row');
  check((await rows.count()) === 2, `the report lists ${await rows.count()} features, expected 2`);
  check((await rows.nth(0).getAttribute('data-ok')) === 'true', 'the good feature is refused');
  check((await rows.nth(1).getAttribute('data-ok')) === 'false', 'the bow-tie is accepted');
  check(await dialog.getByTestId('import-go').isDisabled(), 'a file with a refused feature can be imported');
  await rows.nth(1).getByTestId('import-locate').first().click();
  await page.getByTestId('geometry-error-marker').waitFor();
  await mapIdle(page);
  await shot(page, 'planning-06-import-report-mn.png');

  await dialog.getByTestId('import-file').setInputFiles(geojsonFile('units-good.geojson', [good]));
  await dialog.getByTestId('import-check').click();
  await dialog.getByTestId('import-row').first().waitFor();
  await dialog.getByTestId('import-go').and(page.locator(':enabled')).click();
  await dialog.waitFor({ state: 'detached' });
  await listItem(page, good.name).waitFor();
  // 0.002° × 0.002° at 47° N: 0.002 × 111 319.5 m × cos 47.001° by 0.002 × 111 180 m (meridian degree).
  const expectedHa = (0.002 * 111_319.5 * Math.cos((47.001 * Math.PI) / 180) * (0.002 * 111_180)) / 10_000;
  const imported = await unitNamed(page, good.name);
  console.log(
    `planning: imported ${imported.properties.area_ha.toFixed(3)} ha, by hand ${expectedHa.toFixed(3)} ha`,
  );
  check(Math.abs(imported.properties.area_ha / expectedHa - 1) < 0.005, 'the imported area is off');
  await shot(page, 'planning-07-imported-mn.png');
}

async function plansPage(page: Page): Promise<void> {
  const unit = await unitNamed(page, NAME);
  await page.getByTestId('nav-plans').click();
  await page.getByTestId('plans-page').waitFor();
  await page.getByTestId('survey-aimag').selectOption(await soumParent(page, unit.properties.soum));
  await page.getByTestId('survey-soum').selectOption(unit.properties.soum);
  await page.getByTestId('plan-create').click();
  await page.getByTestId('plan-editor').waitFor();
  await page.getByTestId('group-add').click();
  await page.getByTestId('group-sheep').fill('500');
  await page.getByTestId('group-horse').fill('20');
  const su = shownNumber((await page.getByTestId('group-su').textContent()) ?? '');
  check(su === 640, `500 sheep + 20 horses show ${su} SU, expected 640`);
  await page.getByTestId('assignment-add').click();
  await page.getByTestId('assignment-unit').selectOption(unit.id);
  const bar = page.getByTestId('capacity-bar');
  check((await bar.getAttribute('data-band')) === 'pending', 'a unit new to the plan is not pending');
  await expectTexts(page, ['Хадгалахад тооцоолно'], 'capacity bar before saving');

  await page.getByTestId('plan-save').click();
  await page.getByTestId('capacity-bar').and(page.locator('[data-band="no_survey"]')).waitFor();
  await expectTexts(page, ['Судалгаа алга'], 'capacity bar after saving');
  const plans = (await json(page, '/api/grazing-plans')) as { plans: Array<{ id: string }> };
  check(plans.plans.length === 1, `${plans.plans.length} plans listed`);
  const plan = (await json(page, `/api/grazing-plans/${plans.plans[0]?.id}`)) as {
    days: number;
    units: Array<{ id: string; demandKg: number; forageStatus: string }>;
  };
  const served = plan.units.find((u) => u.id === unit.id);
  check(served !== undefined, 'the saved plan has no line for the unit');
  const demandKg = 640 * plan.days * 1.4;
  check(Math.abs(served.demandKg - demandKg) < 1e-6, `server demand ${served.demandKg} kg vs ${demandKg}`);
  check(served.forageStatus === 'no_survey', `forage status ${served.forageStatus}`);
  const shownT = shownNumber((await bar.locator('.capacity__note').textContent()) ?? '');
  check(Math.abs(shownT - demandKg / 1000) < 0.05, `the bar shows ${shownT} t, the server ${demandKg} kg`);
  console.log(`planning: plan of ${plan.days} days, demand ${demandKg} kg, shown ${shownT} t`);
  await shot(page, 'planning-08-plan-mn.png');

  // The reports and every export format answer 200.
  const links = [
    await page.getByTestId('plan-report-pdf').getAttribute('href'),
    await page.getByTestId('plan-report-csv').getAttribute('href'),
  ];
  for (const format of ['geojson', 'gpkg', 'shp.zip', 'csv', 'kml']) {
    await page.getByTestId('export-format').selectOption(format);
    links.push(await page.getByTestId('export-link').getAttribute('href'));
  }
  for (const href of links) {
    check(href !== null, 'a report link has no href');
    const { status } = await request(page, href);
    check(status === 200, `${href} answered ${status}`);
  }
  console.log(`planning: ${links.length} report and export links answered 200`);

  await page.getByTestId('lang-en').click();
  await expectTexts(page, ['Herder groups', 'Capacity and demand', 'No survey', 'Export'], 'plan (en)');
  await shot(page, 'planning-09-plan-en.png');
  await page.getByTestId('lang-mn').click();
  await expectTexts(page, ['Малчдын бүлэг'], 'plan (mn again)');
}
