/**
 * What the tile, legend and point routes share: the caller's published survey (404 outside their
 * organisations or before the first version), and the stored file a product is rendered from.
 */
import { NotFoundError, ValidationError } from '@belcheer/processing';
import type { OpenSource, ProductAsset } from '../../../tiler/src/index.ts';
import type { Db } from '../db/db.ts';
import { readableOrganisations, type Caller } from '../auth/caller.ts';
import type { Store } from '../storage/store.ts';
import { getSurveyRecord, type SurveyRecord } from '../surveys/surveys.repository.ts';
import { cogKey, coverKey } from '../surveys/survey.keys.ts';

/** The caller's survey with published imagery, or NotFoundError. */
export async function publishedSurvey(db: Db, caller: Caller, id: string): Promise<SurveyRecord> {
  const record = await getSurveyRecord(db, readableOrganisations(caller), id);
  if (record.survey.version < 1) {
    throw new NotFoundError(`survey ${id} has no processed imagery yet (status ${record.survey.status})`);
  }
  return record;
}

export interface AssetSource {
  /** Store key, also the key of the opened file in the tiler's cache. */
  readonly key: string;
  readonly open: OpenSource;
}

/** The stored file of `asset` for the survey's published version; 400 when the survey has none. */
export function assetSource(
  store: Store,
  record: { readonly survey: { readonly id: string; readonly version: number; readonly cover?: unknown } },
  asset: ProductAsset,
): AssetSource {
  const { id, version, cover } = record.survey;
  if (asset === 'cover' && !cover) {
    throw new ValidationError(
      `survey ${id} has no green-cover layer (its bands allow neither ExG nor NDVI)`,
      { product: 'cover' },
      'product_unavailable',
    );
  }
  const key = asset === 'cog' ? cogKey(id, version) : coverKey(id, version);
  return { key, open: () => store.open(key) };
}
