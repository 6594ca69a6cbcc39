/**
 * Measures survey packages for BENCHMARKS.md: uploads an orthomosaic to an in-process server, waits
 * for processing, then builds a package over the survey's bbox and one over its whole soum, and
 * prints the time from POST to ready, the file sizes and the tile counts of both archives.
 * Run: `node --import tsx tests/exports/package.measure.ts <ortho.tif>` (DATABASE_URL for PostgreSQL).
 */
import { readFile } from 'node:fs/promises';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser } from '../../api/src/testing/fixtures.ts';
import { waitForSurvey } from '../support/tus.ts';

class HttpSource implements Source {
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}
  getKey = () => this.url;
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const range = `bytes=${offset}-${offset + length - 1}`;
    const res = await fetch(this.url, { headers: { authorization: `Bearer ${this.token}`, range } });
    return { data: await res.arrayBuffer() };
  }
}

interface ExportBody {
  status: string;
  error?: string;
  files?: { name: string; size: number }[];
}

async function measure(s: TestServer, token: string, survey: string, label: string) {
  const started = Date.now();
  const post = await s.request('/api/exports', {
    method: 'POST',
    token,
    json: { kind: 'survey-package', survey },
  });
  const { id } = (await post.json()) as { id: string };
  let body: ExportBody;
  for (;;) {
    body = (await (await s.request(`/api/exports/${id}`, { token })).json()) as ExportBody;
    if (body.status === 'ready' || body.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const ms = Date.now() - started;
  if (body.status !== 'ready') throw new Error(`${label}: ${body.error}`);
  const tiles: Record<string, object> = {};
  for (const name of ['imagery.pmtiles', 'vectors.pmtiles']) {
    const h = await new PMTiles(new HttpSource(`${s.url}/api/exports/${id}/${name}`, token)).getHeader();
    tiles[name] = {
      zooms: `${h.minZoom}–${h.maxZoom}`,
      addressed: h.numAddressedTiles,
      entries: h.numTileEntries,
      contents: h.numTileContents,
    };
  }
  console.log(JSON.stringify({ label, ms, files: body.files?.map((f) => [f.name, f.size]), tiles }));
}

const file = process.argv[2];
if (!file) throw new Error('usage: package.measure.ts <ortho.tif>');
const s = await startTestServer();
try {
  const user = await orgWithUser(s, 'Measure office');
  const survey = await createSurvey(s, user.token, { name: 'measure' });
  const t0 = Date.now();
  await s.request(`/api/surveys/${survey}/imagery`, {
    method: 'PUT',
    token: user.token,
    body: await readFile(file),
  });
  const ready = await waitForSurvey(s, user.token, survey, 1_800_000);
  console.log(
    JSON.stringify({ processed: ready.status, ms: Date.now() - t0, width: ready.width, gsd: ready.gsd }),
  );
  await measure(s, user.token, survey, 'survey bbox');
  const soum = await s.db.query<{ code: string }>(
    `SELECT a.code FROM admin_units a, surveys s
      WHERE s.id = $1 AND a.level = 'soum' AND ST_Intersects(a.geom, s.footprint) LIMIT 1`,
    [survey],
  );
  if (soum[0]) {
    await s.request(`/api/surveys/${survey}`, {
      method: 'PATCH',
      token: user.token,
      json: { soum: soum[0].code },
    });
    await measure(s, user.token, survey, `soum ${soum[0].code}`);
  }
} finally {
  await s.destroy();
}
