/**
 * Bad inputs through the API (issue 4, acceptance 2): each file is uploaded to its own survey, which
 * ends `failed` with a message naming the problem — and a survey that was already processed keeps
 * its status, its version and every byte of its files.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/src/testing/test.server.ts';
import { createSurvey, orgWithUser, type OrgUser } from '../../api/src/testing/fixtures.ts';
import {
  craftTiff,
  dataOffset,
  geoTags,
  stripTags,
  type CraftTag,
} from '../../processing/src/tiff/testing/tiff.builder.ts';
import { FieldType, Tag } from '../../processing/src/tiff/tiff.tags.ts';
import { waitForSurvey } from '../support/tus.ts';

let s: TestServer;
let user: OrgUser;
let ready: string;
let before: Map<string, string>;

/** sha256 of every file in the store, by path. */
async function storeSnapshot(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if ((await stat(full)).isFile())
        out.set(
          path.relative(root, full),
          createHash('sha256')
            .update(await readFile(full))
            .digest('hex'),
        );
    }
  };
  await walk(root);
  return out;
}

async function upload(bytes: Uint8Array, filename = 'ortho.tif'): Promise<Record<string, unknown>> {
  const id = await createSurvey(s, user.token, { name: filename });
  const res = await s.request(`/api/surveys/${id}/imagery?filename=${filename}`, {
    method: 'PUT',
    token: user.token,
    body: bytes,
  });
  expect(res.status).toBe(202);
  return waitForSurvey(s, user.token, id, 60_000);
}

const rgb = (w: number, h: number, offset = dataOffset()): CraftTag[] => [
  ...stripTags(w, h, 3, offset),
  ...geoTags(32648),
];
const replace = (tags: CraftTag[], t: CraftTag): CraftTag[] => tags.map((x) => (x.tag === t.tag ? t : x));
const pixels = (n: number) => new Uint8Array(n).fill(90);

beforeAll(async () => {
  s = await startTestServer();
  user = await orgWithUser(s, 'Govi-Altai office');
  ready = await createSurvey(s, user.token, { name: 'good one' });
  const good = await readFile('sample-data/drone/pix4d_alpha_nodata.tif');
  await s.request(`/api/surveys/${ready}/imagery`, { method: 'PUT', token: user.token, body: good });
  expect((await waitForSurvey(s, user.token, ready)).status).toBe('ready');
  before = await storeSnapshot(s.config.storage);
}, 180_000);
afterAll(async () => s?.destroy());

describe('refused uploads', () => {
  const cases: [string, () => Promise<Uint8Array>, RegExp][] = [
    [
      'a PNG renamed .tif',
      async () =>
        new Uint8Array(
          await sharp({ create: { width: 8, height: 8, channels: 3, background: '#3a6' } })
            .png()
            .toBuffer(),
        ),
      /^not a TIFF file \(magic bytes 89 50 4E 47, a PNG image\)$/,
    ],
    [
      'a 4 KB TIFF that declares 200000×200000 px',
      async () => craftTiff({ ifds: [{ tags: rgb(200000, 200000) }], padTo: 4096 }),
      /declares 200000×200000 px/,
    ],
    [
      'SamplesPerPixel 65529',
      async () =>
        craftTiff({
          ifds: [
            {
              tags: replace(rgb(16, 16), {
                tag: Tag.SamplesPerPixel,
                type: FieldType.Short,
                values: [65529],
              }),
            },
          ],
          data: pixels(768),
        }),
      /SamplesPerPixel 65529, above the limit of 64/,
    ],
    [
      'an IFD loop',
      async () =>
        craftTiff({ ifds: [{ tags: rgb(16, 16) }, { tags: rgb(8, 8), loopTo: 0 }], data: pixels(768) }),
      /^IFD loop: IFD 1 points back to IFD 0/,
    ],
    [
      'a truncated file',
      async () => craftTiff({ ifds: [{ tags: rgb(100, 100, 9000) }] }),
      /^strip 0 of IFD 0 \(bytes 9000–39000\) is outside the file of \d+ bytes: truncated file$/,
    ],
    [
      'an image without georeferencing',
      async () => craftTiff({ ifds: [{ tags: stripTags(16, 16, 3, dataOffset()) }], data: pixels(768) }),
      /^no georeferencing/,
    ],
    [
      'an unknown CRS',
      async () =>
        craftTiff({
          ifds: [{ tags: [...stripTags(16, 16, 3, dataOffset()), ...geoTags(2000)] }],
          data: pixels(768),
        }),
      /^CRS EPSG:2000 is not supported/,
    ],
  ];

  it.each(cases)('%s → failed, naming the problem', async (_name, make, message) => {
    const survey = await upload(await make());
    expect(survey.status).toBe('failed');
    expect(survey.error).toMatch(message);
    expect(survey.version).toBe(0);
  });

  it('left the processed survey and every stored file untouched', async () => {
    const survey = (await (await s.request(`/api/surveys/${ready}`, { token: user.token })).json()) as Record<
      string,
      unknown
    >;
    expect(survey).toMatchObject({ status: 'ready', version: 1 });
    const after = await storeSnapshot(s.config.storage);
    for (const [file, hash] of before) expect(after.get(file), file).toBe(hash);
  });
});
