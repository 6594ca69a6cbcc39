/**
 * The planning part of the browser smoke test: on the pasture units page draw a unit by clicking its
 * corners on the map canvas and see its area (the live number against the server's geodesic area
 * after saving), rename it, see its history with two entries; on the grazing plans page create a
 * plan for the unit's soum with one herder group on the unit and see its capacity bar. Screenshots
 * go to tests/artifacts/planning-*.png.
 */
import type { Page } from 'playwright-core';
import { check, shot, STEP_TIMEOUT } from './page.helpers.ts';

const CENTRE: [number, number] = [105.0, 47.0];

interface PlanningGlobals {
  __belcheerMap?: {
    jumpTo(o: { center: [number, number]; zoom: number }): void;
    loaded(): boolean;
    isMoving(): boolean;
  };
  fetch: typeof fetch;
}

async function json(page: Page, path: string): Promise<unknown> {
  return page.evaluate(async (p) => (await (globalThis as unknown as PlanningGlobals).fetch(p)).json(), path);
}

export async function planningFlow(page: Page): Promise<void> {
  await page.getByTestId('nav-units').click();
  await page.getByTestId('planning-map').waitFor();
  await page.waitForFunction(
    () => (globalThis as unknown as PlanningGlobals).__belcheerMap?.loaded() === true,
    null,
    {
      timeout: STEP_TIMEOUT,
    },
  );
  await page.evaluate(
    (c) => (globalThis as unknown as PlanningGlobals).__belcheerMap?.jumpTo({ center: c, zoom: 14 }),
    CENTRE,
  );
  await page.waitForTimeout(500);

  // Draw a square of 200 × 200 px around the middle of the map, then close it on its first corner.
  await page.getByTestId('unit-draw').click();
  const box = await page.getByTestId('planning-map').boundingBox();
  check(box !== null, 'the planning map has no box');
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  const corners: Array<[number, number]> = [
    [cx - 100, cy - 100],
    [cx + 100, cy - 100],
    [cx + 100, cy + 100],
    [cx - 100, cy + 100],
    [cx - 100, cy - 100],
  ];
  for (const [x, y] of corners) {
    await page.mouse.move(x, y, { steps: 3 });
    await page.mouse.click(x, y);
    await page.waitForTimeout(250);
  }
  await page.getByTestId('unit-form').waitFor();
  const shownArea = (await page.getByTestId('unit-area').textContent()) ?? '';
  check(/\d/.test(shownArea), `the drawn unit shows no area: "${shownArea}"`);
  await page.getByTestId('unit-name').fill('Хаврын бэлчээр');
  await page.getByTestId('unit-season').selectOption('spring');
  await page.getByTestId('unit-save').and(page.locator(':enabled')).waitFor();
  await shot(page, 'planning-01-drawn-mn.png');
  await page.getByTestId('unit-save').click();
  await page.getByTestId('unit-history-tab').waitFor();

  const units = (await json(page, '/api/pasture-units')) as {
    features: Array<{ id: string; properties: { area_ha: number; soum: string; name: string } }>;
  };
  const unit = units.features.find((f) => f.properties.name === 'Хаврын бэлчээр');
  check(unit !== undefined, 'the drawn unit was not saved');
  const live = Number(
    (/\d[\d\s\u00a0\u202f]*(?:[.,]\d+)?/.exec(shownArea)?.[0] ?? '')
      .replace(/[\s\u00a0\u202f]/g, '')
      .replace(',', '.'),
  );
  console.log(`planning: drawn area shown ${live} ha, server ${unit.properties.area_ha.toFixed(2)} ha`);
  check(
    Math.abs(live / unit.properties.area_ha - 1) < 0.01,
    `shown ${live} ha vs server ${unit.properties.area_ha} ha`,
  );

  // Rename, then the history holds the creation and the edit.
  await page.getByTestId('unit-name').fill('Хаврын бэлчээр 2');
  await page.getByTestId('unit-save').click();
  await page.getByText('Хаврын бэлчээр 2').first().waitFor();
  await page.getByTestId('unit-history-tab').click();
  await page.getByTestId('history-entry').nth(1).waitFor();
  const entries = await page.getByTestId('history-entry').count();
  check(entries === 2, `the history shows ${entries} entries, expected 2`);
  await shot(page, 'planning-02-history-mn.png');

  // A plan for the unit's soum: one group of 500 sheep and 20 horses on the unit.
  const soums = (await json(page, '/api/admin-units?level=soum')) as {
    features: Array<{ properties: { code: string; parent_code: string } }>;
  };
  const soum = soums.features.find((s) => s.properties.code === unit.properties.soum);
  check(soum !== undefined, `the unit's soum ${unit.properties.soum} is not an admin soum`);
  await page.getByTestId('nav-plans').click();
  await page.getByTestId('plans-page').waitFor();
  await page.getByTestId('survey-aimag').selectOption(soum.properties.parent_code);
  await page.getByTestId('survey-soum').selectOption(soum.properties.code);
  await page.getByTestId('plan-create').click();
  await page.getByTestId('plan-editor').waitFor();
  await page.getByTestId('group-add').click();
  await page.getByTestId('group-sheep').fill('500');
  await page.getByTestId('group-horse').fill('20');
  const su = (await page.getByTestId('group-su').textContent()) ?? '';
  check(
    Number(su.replace(/[^\d.,]/g, '').replace(',', '.')) === 640,
    `500 sheep + 20 horses show ${su} SU, expected 640`,
  );
  await page.getByTestId('assignment-add').click();
  await page.getByTestId('capacity-bar').waitFor();
  await page.getByTestId('plan-save').click();
  await page.getByTestId('plan-editor').waitFor();
  await page.getByTestId('capacity-bar').waitFor();
  const band = await page.getByTestId('capacity-bar').getAttribute('data-band');
  check(band === 'no_survey', `a unit without a survey is in band ${band}`);
  await shot(page, 'planning-03-plan-mn.png');
  await page.getByTestId('nav-map').click();
}
