/**
 * The lean survey lookup of tile requests: one query per survey id per TTL whatever the caller, the
 * caller's organisation checked each time (another's survey is 404), 404 before the first version,
 * and a reprocessed survey (new version in the row) seen once the TTL has passed.
 */
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '@belcheer/processing';
import type { Caller } from '../auth/caller.ts';
import type { Db } from '../db/db.ts';
import { tileSurveys } from './tile.surveys.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const row = (version: number) => ({
  id: ID,
  organisation_id: 'org-a',
  version,
  status: version > 0 ? 'ready' : 'processing',
  bands: ['red', 'green', 'blue', 'alpha'],
  declared_bands: null,
  sample_format: 'float32',
  reflectance_scale: null,
  reflectance_offset: 0,
  cover_index: 'vari',
  cover_threshold: 0.05,
});

function fakeDb(versions: number[]) {
  const calls: unknown[][] = [];
  const db = {
    query: async (_sql: string, params: unknown[]) => {
      calls.push(params);
      return [row(versions[Math.min(calls.length - 1, versions.length - 1)]!)];
    },
  } as unknown as Db;
  return { db, calls };
}

const caller = (organisationId: string): Caller => ({
  userId: 'u',
  email: 'u@test.mn',
  name: 'U',
  role: 'agronomist',
  organisationId,
  organisationName: organisationId,
});

describe('tileSurveys', () => {
  it('reads a survey once per TTL and sees the new version after it', async () => {
    let t = 0;
    const { db, calls } = fakeDb([1, 2]);
    const surveys = tileSurveys(db, 5000, () => t);
    const first = await surveys.published(caller('org-a'), ID);
    expect(first).toEqual({
      id: ID,
      organisationId: 'org-a',
      version: 1,
      status: 'ready',
      cover: { index: 'vari', threshold: 0.05 },
      // float32 without a declared scale is reflectance 0–1 (DOMAIN §1)
      bandContext: { names: ['red', 'green', 'blue', 'alpha'], reflectance: { scale: 1, offset: 0 } },
    });
    t = 4999;
    expect((await surveys.published(caller('org-a'), ID)).version).toBe(1);
    expect(calls).toEqual([[ID]]);
    t = 5000;
    expect((await surveys.published(caller('org-a'), ID)).version).toBe(2);
    expect(calls).toHaveLength(2);
  });

  it('answers 404 for another organisation, even from the cache', async () => {
    const { db, calls } = fakeDb([1]);
    const surveys = tileSurveys(db, 5000, () => 0);
    await surveys.published(caller('org-a'), ID);
    await expect(surveys.published(caller('org-b'), ID)).rejects.toBeInstanceOf(NotFoundError);
    expect(calls).toHaveLength(1);
  });

  it('answers 404 before the first processed version', async () => {
    const { db } = fakeDb([0]);
    await expect(tileSurveys(db).published(caller('org-a'), ID)).rejects.toThrow(/no processed imagery/);
  });
});
