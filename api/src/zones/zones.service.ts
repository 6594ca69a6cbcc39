/**
 * Vigour zones of a cropland unit from one survey (issue 6): access (another organisation's unit or
 * survey is 404), the unit's use (cropland only) and cover by the survey's footprint (400), the index
 * grid over the unit at the level closest to the requested resolution, the zones in the raster's CRS —
 * then as GeoJSON in WGS 84 (RFC 7946) or as a zipped Shapefile in the raster's CRS with its .prj.
 * Reference: SPEC §2.3; issue 6 (exportable as GeoJSON and zipped Shapefile for farm machinery).
 */
import {
  indexBands,
  indexDefinition,
  reprojectGeometry,
  ValidationError,
  WGS84_PROJ4,
  zoneShapefileZip,
  type Crs,
} from '@belcheer/processing';
import { esriWkt } from '../../../processing/src/vector/esri.prj.ts';
import type { Db } from '../db/db.ts';
import { readableOrganisations, type Caller } from '../auth/caller.ts';
import type { Store } from '../storage/store.ts';
import { CogCache } from '../statistics/cog.cache.ts';
import { cogKey } from '../surveys/survey.keys.ts';
import { publishedSurvey } from '../tiles/survey.sources.ts';
import { unitIndexGrid } from './unit.index.grid.ts';
import { levelForResolution } from './zone.level.ts';
import { vigourZones, type RatedZone, type ZoneMethod } from './vigour.zones.ts';
import { unitOverSurvey } from './zones.repository.ts';

export interface ZonesRequest {
  readonly unit: string;
  readonly survey: string;
  readonly index: string;
  readonly classes: number;
  readonly method: ZoneMethod;
  readonly minAreaM2: number;
  readonly resolutionM?: number;
}

/** What every output of one computation shares. */
interface ZonesResult {
  readonly unit: { readonly id: string; readonly name: string };
  readonly survey: string;
  readonly index: string;
  readonly method: ZoneMethod;
  readonly breaks: number[];
  readonly level: number;
  readonly resolutionM: number;
  readonly crs: Crs;
  /** In the raster's CRS. */
  readonly features: RatedZone[];
}

export function createZonesService(db: Db, store: Store) {
  const cogs = new CogCache(store);

  async function compute(caller: Caller, req: ZonesRequest): Promise<ZonesResult> {
    const record = await publishedSurvey(db, caller, req.survey);
    const unit = await unitOverSurvey(db, readableOrganisations(caller), req.unit, req.survey);
    if (unit.use !== 'cropland') {
      throw new ValidationError(`vigour zones are for cropland units; unit "${unit.name}" is ${unit.use}`, {
        use: unit.use,
      });
    }
    if (!unit.covered) {
      throw new ValidationError(`survey ${req.survey} does not cover unit "${unit.name}"`);
    }
    const definition = indexDefinition(req.index);
    const offsets = indexBands(definition, record.bandContext);
    const tiff = await cogs.open(cogKey(record.survey.id, record.survey.version));
    const { crs } = tiff.info;
    const inRaster = reprojectGeometry(unit.geometry, WGS84_PROJ4, crs.proj4, { maxSegmentLength: 0 });
    const level = levelForResolution(tiff, req.resolutionM);
    const reflectance = record.bandContext.reflectance;
    const grid = await unitIndexGrid(tiff, level, inRaster, { definition, offsets, reflectance });
    const zones = vigourZones(grid, crs, inRaster, req);
    return {
      unit: { id: unit.id, name: unit.name },
      survey: req.survey,
      index: definition.name,
      method: req.method,
      breaks: zones.breaks,
      level,
      resolutionM: grid.resolutionM,
      crs,
      features: zones.features,
    };
  }

  return {
    /** The zones as an RFC 7946 FeatureCollection (WGS 84) with the breaks and the level read. */
    async geojson(caller: Caller, req: ZonesRequest) {
      const z = await compute(caller, req);
      const features = z.features.map((f) => ({
        ...f,
        geometry: reprojectGeometry(f.geometry, z.crs.proj4, WGS84_PROJ4, { maxSegmentLength: 0 }),
      }));
      return {
        type: 'FeatureCollection' as const,
        unit: z.unit,
        survey: z.survey,
        index: z.index,
        method: z.method,
        breaks: z.breaks,
        level: z.level,
        resolution_m: z.resolutionM,
        source_crs: z.crs.epsg === null ? z.crs.name : `EPSG:${z.crs.epsg}`,
        features,
      };
    },

    /** The zones as a zipped Shapefile in the raster's CRS, and its file name. */
    async shapefile(caller: Caller, req: ZonesRequest): Promise<{ name: string; zip: Uint8Array }> {
      const z = await compute(caller, req);
      const name = `zones_${z.index}_${z.unit.id.slice(0, 8)}`;
      const collection = { type: 'FeatureCollection' as const, features: z.features };
      return { name, zip: zoneShapefileZip(collection, name, esriWkt(z.crs.epsg)) };
    },
  };
}

export type ZonesService = ReturnType<typeof createZonesService>;
