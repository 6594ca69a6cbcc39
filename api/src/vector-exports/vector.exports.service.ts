/**
 * Vector exports: checks the filters against the layer (a survey of another organisation is not
 * found, an unknown soum is refused), reads the caller's rows and bounds their number.
 * Reference: issue 7 "Export"; export.layers.ts.
 */
import { PayloadTooLargeError, ValidationError, type VectorLayer } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import { readableOrganisations, type Caller } from '../auth/caller.ts';
import { getSurveyRecord } from '../surveys/surveys.repository.ts';
import { soumExists } from '../pasture-units/pasture.units.repository.ts';
import { EXPORT_LAYERS, FILTERS, type LayerId } from './export.layers.ts';
import { exportFeatures, type ExportFilters } from './vector.exports.repository.ts';

/** Most features one export holds (a soum has at most thousands of units). */
export const MAX_EXPORT_FEATURES = 100_000;

export function createVectorExportService(db: Db, maxFeatures = MAX_EXPORT_FEATURES) {
  return {
    async layer(caller: Caller, id: LayerId, filters: ExportFilters): Promise<VectorLayer> {
      const layer = EXPORT_LAYERS[id];
      const extra = FILTERS.filter((k) => filters[k] !== undefined && !layer.filters.includes(k));
      if (extra.length > 0)
        throw new ValidationError(
          `${extra.join(', ')} does not filter ${id}; it takes ${layer.filters.join(', ')}`,
        );
      const orgs = readableOrganisations(caller);
      if (filters.survey) await getSurveyRecord(db, orgs, filters.survey);
      if (filters.soum && !(await soumExists(db, filters.soum)))
        throw new ValidationError(`soum ${filters.soum} is not a soum code`);
      const features = await exportFeatures(db, layer, orgs, filters, maxFeatures + 1);
      if (features.length > maxFeatures)
        throw new PayloadTooLargeError(
          `${id} has more than ${maxFeatures} features for this request; filter by soum`,
        );
      return { name: layer.name, geometryType: layer.geometryType, fields: layer.fields, features };
    },
  };
}
