/**
 * Ingest end to end (issue 4, acceptance 1): 4096² orthos made by ../shared/peers/make-ortho.py — RGBA
 * uint8 and 5-band uint16 — go up by tus with the connection cut twice and resumed; the SHA-256 matches;
 * the survey ends `ready`; its COG passes GDAL's validator, has overviews down to < 512 px, is read by
 * `gdalinfo /vsicurl/` through range requests, and holds exactly the input's pixels and mask (rasterio).
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import { compareRasters, makeOrtho, validateCog } from '../../processing/src/cog/testing/gdal.ts';
import { gdalInfo, hasGdal } from '../../processing/src/testing/gdal.ts';
import { tusClient, waitForSurvey } from '../support/tus.ts';

const SIZE = 4096;
const execFileAsync = promisify(execFile);
let s: TestServer;
let user: OrgUser;
let dir: string;

beforeAll(async () => {
  if (!hasGdal) return;
  dir = await mkdtemp(path.join(tmpdir(), 'belcheer-ingest-'));
  makeOrtho(SIZE, path.join(dir, 'rgb.tif'), 'rgb');
  makeOrtho(SIZE, path.join(dir, 'ms.tif'), 'ms');
  s = await startTestServer();
  user = await orgWithUser(s, 'Selenge drone team');
}, 300_000);
afterAll(async () => {
  await s?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasGdal)('ingest end to end', () => {
  it.each([
    ['rgb', 'rgb.tif', {}],
    ['multispectral', 'ms.tif', { bands: ['blue', 'green', 'red', 'rededge', 'nir'] }],
  ] as const)(
    'a %s ortho survives two cut connections and becomes a valid COG with the same pixels',
    async (kind, name, extra) => {
      const input = path.join(dir, name);
      const file = await readFile(input);
      const sha256 = createHash('sha256').update(file).digest('hex');
      const id = await createSurvey(s, user.token, { kind, name: `4096² ${kind}`, ...extra });
      const tus = tusClient(s, user.token);

      const created = await tus.create(file.length, { surveyId: id, filename: name, sha256 });
      expect(created.status).toBe(201);
      const location = created.headers.get('location')!;
      await tus.patchAndCut(location, 0, file, Math.floor(file.length / 3));
      const first = await tus.offset(location);
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThan(file.length);
      await tus.patchAndCut(location, first, file.subarray(first), Math.floor(file.length / 3));
      const second = await tus.offset(location);
      expect(second).toBeGreaterThan(first);
      expect(second).toBeLessThan(file.length);
      expect((await tus.patch(location, second, file.subarray(second))).status).toBe(204);

      const survey = await waitForSurvey(s, user.token, id);
      expect(survey.error).toBeUndefined();
      expect(survey).toMatchObject({
        status: 'ready',
        progress: 100,
        version: 1,
        width: SIZE,
        height: SIZE,
        source: { sha256, size: file.length },
      });
      expect((survey.crs as { epsg: number }).epsg).toBe(32648);
      expect(survey.gsd as number).toBeCloseTo(0.05, 6);

      const res = await s.request(`/api/surveys/${id}/imagery.tif`, { token: user.token });
      expect(res.status).toBe(200);
      expect(res.headers.get('accept-ranges')).toBe('bytes');
      const cog = path.join(dir, `${name}.cog.tif`);
      await writeFile(cog, Buffer.from(await res.arrayBuffer()));

      expect(validateCog(cog).status).toBe(0);
      const info = gdalInfo(cog);
      expect(info.size).toEqual([SIZE, SIZE]);
      const overviews = info.bands[0]!.overviews;
      expect(overviews[0]).toEqual([SIZE / 2, SIZE / 2]);
      expect(Math.max(...overviews.at(-1)!)).toBeLessThan(512);
      expect(info.bands[0]!.block).toEqual([512, 512]);

      const comparison = compareRasters(input, cog);
      expect(comparison).toMatchObject({ equal: true, maxDiff: 0, maskEqual: true });

      // GDAL reads it in place through HTTP range requests.
      const headerFile = path.join(dir, 'headers.txt');
      await writeFile(headerFile, `Authorization: Bearer ${user.token}\n`);
      // Asynchronously: the server answering GDAL runs in this very process.
      const vsicurl = await execFileAsync(
        'gdalinfo',
        ['-json', `/vsicurl/${s.url}/api/surveys/${id}/imagery.tif`],
        {
          encoding: 'utf8',
          env: {
            ...process.env,
            GDAL_HTTP_HEADER_FILE: headerFile,
            GDAL_DISABLE_READDIR_ON_OPEN: 'EMPTY_DIR',
            CPL_VSIL_CURL_ALLOWED_EXTENSIONS: '.tif',
          },
        },
      );
      const remote = JSON.parse(vsicurl.stdout) as { size: number[]; bands: { overviews?: unknown[] }[] };
      expect(remote.size).toEqual([SIZE, SIZE]);
      expect(remote.bands[0]!.overviews?.length).toBe(overviews.length);
    },
    // Upload, COG, cover layer and cover index product of 4096² px on a shared 2-core machine.
    180_000,
  );
});
