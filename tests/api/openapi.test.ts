/**
 * /api/openapi.json is a valid OpenAPI 3 document (checked by @readme/openapi-parser, an independent
 * validator) and lists every route the express app serves (issue 3, acceptance 4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '@readme/openapi-parser';
import type { Express } from 'express';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.destroy());

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every (method, path) the app routes with a concrete path, found by walking express's router. */
function expressRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          if (typeof p !== 'string' || !/^\/(api|tiles)\//.test(p)) continue;
          const openApiPath = p.replace(/:(\w+)/g, '{$1}').replace('/*rest', '/{id}');
          const methods = Object.keys(layer.route.methods);
          // `app.all` registers every HTTP method: report it once as `_all`.
          for (const m of methods.length > 20 ? ['_all'] : methods) out.push(`${m} ${openApiPath}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out.sort();
}

describe('OpenAPI document', () => {
  it('is valid OpenAPI 3', async () => {
    const doc = (await (await s.request('/api/openapi.json')).json()) as Record<string, unknown>;
    expect(doc.openapi).toMatch(/^3\./);
    const result = await validate(structuredClone(doc) as Parameters<typeof validate>[0]);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('lists every API route the server serves, and nothing else', async () => {
    const doc = (await (await s.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`))
      .sort();
    const served = expressRoutes(s.app).filter((r) => !r.startsWith('get /api/docs'));
    expect(served.length).toBeGreaterThan(10);
    // Handlers for every method (`app.all`, the tus server) must have their path documented.
    const [anyMethod, specific] = [
      served.filter((r) => r.startsWith('_all ')),
      served.filter((r) => !r.startsWith('_all ')),
    ];
    expect(documented.filter((r) => !anyMethod.some((a) => r.endsWith(` ${a.slice(5)}`)))).toEqual(specific);
    for (const a of anyMethod) expect(Object.keys(doc.paths)).toContain(a.slice(5));
    expect(anyMethod).toEqual(['_all /api/uploads', '_all /api/uploads/{id}']);
    for (const r of [
      'post /api/auth/login',
      'post /api/auth/logout',
      'get /api/me',
      'get /api/health',
      'get /api/admin-units',
    ]) {
      expect(documented).toContain(r);
    }
  });

  it('describes the bodies that are files by their media types', async () => {
    type Op = { requestBody?: { content: Record<string, { schema: { format?: string } }> } };
    const doc = (await (await s.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, Op>>;
    };
    const types = (p: string, m: string) => Object.keys(doc.paths[p]?.[m]?.requestBody?.content ?? {});
    expect(types('/api/pasture-units/import', 'post')).toEqual(
      expect.arrayContaining([
        'application/geo+json',
        'application/zip',
        'application/geopackage+sqlite3',
        'text/csv',
      ]),
    );
    expect(types('/api/field-plots/import', 'post')).toEqual(['text/csv', 'application/geo+json']);
    expect(types('/api/field-plots/{id}/photo', 'put')).toEqual(['image/jpeg', 'image/png']);
    expect(types('/api/surveys/{id}/imagery', 'put')).toContain('image/tiff');
    expect(
      doc.paths['/api/surveys/{id}/imagery']?.put?.requestBody?.content['image/tiff']?.schema.format,
    ).toBe('binary');
  });

  it('serves browsable docs locally', async () => {
    const page = await s.request('/api/docs');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/api/docs/assets/swagger-ui-bundle.js');
    const bundle = await s.request('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
  });
});
