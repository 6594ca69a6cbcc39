/**
 * What the browser smoke test's steps share: where screenshots go, the step timeout, the page-side
 * globals it reads (the test's tsconfig has no DOM lib), assertions and screenshots.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const artifacts = path.join(rootDir, 'tests', 'artifacts');
export const STEP_TIMEOUT = 60_000;

export interface RenderedFeature {
  properties: Record<string, unknown>;
}

/** The page-side globals the test reads. */
export interface PageGlobals {
  __belcheerMap?: {
    queryRenderedFeatures(options: { layers: string[] }): RenderedFeature[];
    getLayoutProperty(layer: string, name: string): unknown;
    loaded(): boolean;
    isMoving(): boolean;
    getZoom(): number;
    jumpTo(options: { center: [number, number]; zoom: number }): void;
    project(lngLat: [number, number]): { x: number; y: number };
  };
  document: { body: { dataset: Record<string, string | undefined> }; documentElement: { lang: string } };
  localStorage: { getItem(key: string): string | null };
  fetch(
    url: string,
    init?: { method?: string; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    headers: { get(name: string): string | null };
    json(): Promise<unknown>;
    arrayBuffer(): Promise<ArrayBuffer>;
  }>;
}

export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export async function expectTexts(page: Page, texts: readonly string[], where: string): Promise<void> {
  for (const text of texts) {
    await page
      .getByText(text, { exact: false })
      .first()
      .waitFor({ state: 'visible', timeout: STEP_TIMEOUT })
      .catch(() => {
        throw new Error(`${where}: "${text}" is not shown`);
      });
  }
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(artifacts, name) });
}
