/**
 * GeoJSON FeatureCollection read feature by feature (stream-json: parser → pick `features` →
 * streamArray), so a 200 MB file never exists as one object. The CRS is EPSG:4326 (RFC 7946) unless
 * the caller names one or the file carries the legacy `crs` member (GDAL writes it first; the first
 * 64 KB are searched for it).
 * Reference: RFC 7946; GeoJSON 2008 §3 (crs); stream-json wiki "Recipes".
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import parserStream from 'stream-json';
import pick from 'stream-json/filters/pick.js';
import streamArray from 'stream-json/streamers/stream-array.js';
import { ValidationError } from '@belcheer/processing';
import { crsOfName, geometryToLonLat, WGS84, type ImportCrs } from './crs.resolve.ts';
import { fileHead } from './file.head.ts';
import type { FeatureSource, ReadOptions, SourceFeature } from './import.source.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

async function crsOf(file: string, options: ReadOptions): Promise<ImportCrs> {
  if (options.crs) return crsOfName(options.crs);
  const text = (await fileHead(file, 64 * 1024)).toString('utf8');
  if (!/"type"\s*:\s*"FeatureCollection"/.test(text))
    throw new ValidationError('the GeoJSON is not a FeatureCollection', undefined, 'invalid_geojson');
  const named = /"crs"\s*:\s*\{[^{}]*"properties"\s*:\s*\{[^{}]*"name"\s*:\s*"([^"]+)"/.exec(text)?.[1];
  return named ? crsOfName(named) : WGS84;
}

async function* features(file: string, crs: ImportCrs): AsyncGenerator<SourceFeature> {
  // The callback form returns the last stage; an error anywhere destroys every stage with it.
  const items = pipeline(
    createReadStream(file),
    parserStream({ streamValues: false }),
    pick.asStream({ filter: 'features' }),
    streamArray.asStream(),
    () => undefined,
  );
  let index = 0;
  try {
    for await (const { value } of items as AsyncIterable<{ value: unknown }>) {
      if (!isObject(value) || value.type !== 'Feature') {
        yield {
          index: index++,
          properties: {},
          geometry: null,
          problem: { code: 'not_a_feature', message: 'the item is not a GeoJSON Feature' },
        };
        continue;
      }
      const properties = isObject(value.properties) ? value.properties : {};
      yield { index: index++, properties, geometry: geometryToLonLat(value.geometry, crs) };
    }
  } catch (err) {
    throw new ValidationError(
      `the GeoJSON is not valid JSON: ${(err as Error).message}`,
      undefined,
      'malformed_json',
    );
  } finally {
    items.destroy();
  }
}

export async function readGeoJson(file: string, options: ReadOptions): Promise<FeatureSource> {
  const crs = await crsOf(file, options);
  return { format: 'geojson', crs: crs.label, features: features(file, crs) };
}
