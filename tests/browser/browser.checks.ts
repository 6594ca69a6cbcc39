/**
 * What the smoke test watches in the browser: console errors, uncaught exceptions, failed
 * requests and HTTP error answers. Answers the test provokes on purpose (the 401 of GET /api/me
 * before signing in, the 401 of a wrong password) are declared as expected while they may happen,
 * and so are the requests a reload in the middle of an upload cuts off (net::ERR_ABORTED).
 */
import type { Page } from 'playwright-core';

export interface ExpectedAnswer {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export class BrowserWatch {
  readonly problems: string[] = [];
  private expected: ExpectedAnswer[] = [];
  private abortsExpected = 0;

  constructor(page: Page) {
    page.on('pageerror', (err) => this.problems.push(`uncaught exception: ${err.message}`));
    page.on('requestfailed', (req) => {
      if (new URL(req.url()).pathname.startsWith('/favicon')) return;
      if (this.abortsExpected > 0 && req.failure()?.errorText === 'net::ERR_ABORTED') return;
      this.problems.push(
        `request failed: ${req.method()} ${req.url()} (${req.failure()?.errorText ?? 'unknown'})`,
      );
    });
    page.on('response', (res) => {
      if (res.status() < 400) return;
      const url = new URL(res.url());
      const method = res.request().method();
      if (url.pathname.startsWith('/favicon')) return;
      if (
        this.expected.some((e) => e.method === method && e.path === url.pathname && e.status === res.status())
      )
        return;
      this.problems.push(`HTTP ${res.status()} for ${method} ${url.pathname}${url.search}`);
    });
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const at = msg.location().url;
      // Chromium also logs each HTTP error answer and failed request as "Failed to load resource";
      // those are judged above, from the 'response' and 'requestfailed' events, which say which.
      if (msg.text().startsWith('Failed to load resource')) return;
      this.problems.push(`console error: ${msg.text()}${at ? ` (${at})` : ''}`);
    });
  }

  /** Runs `step` while the given answers count as expected. */
  async expecting<T>(answers: readonly ExpectedAnswer[], step: () => Promise<T>): Promise<T> {
    this.expected = [...this.expected, ...answers];
    try {
      return await step();
    } finally {
      this.expected = this.expected.filter((e) => !answers.includes(e));
    }
  }

  /** Runs `step` while requests the page gives up on (a reload mid-upload) count as expected. */
  async expectingAborts<T>(step: () => Promise<T>): Promise<T> {
    this.abortsExpected++;
    try {
      return await step();
    } finally {
      this.abortsExpected--;
    }
  }
}
