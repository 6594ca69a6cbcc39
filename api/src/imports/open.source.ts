/**
 * An uploaded file → its feature source, by sniffing its first bytes: a zip holds a Shapefile (.shp)
 * or is a KMZ (a .kml inside), SQLite is a GeoPackage, JSON is GeoJSON, XML is KML, else CSV. Files
 * inflated from a zip go to `workDir` under fixed names; the zip stays open until the features have
 * been read (`close`).
 * Reference: issue 7 "Import".
 */
import path from 'node:path';
import { ValidationError } from '@belcheer/processing';
import { fileHead } from './file.head.ts';
import type { FeatureSource, ReadOptions } from './import.source.ts';
import { readCsv } from './read.csv.ts';
import { readGeoJson } from './read.geojson.ts';
import { readGeoPackage } from './read.gpkg.ts';
import { readKml } from './read.kml.ts';
import { readShapefile } from './read.shapefile.ts';
import { sniff } from './sniff.ts';
import { openZip, type SafeZip } from './zip.safe.ts';

export interface OpenedSource extends FeatureSource {
  close(): void;
}

async function fromZip(zip: SafeZip, options: ReadOptions): Promise<FeatureSource> {
  if (zip.names.some((n) => /\.shp$/i.test(n))) return readShapefile(zip, options);
  const kml =
    zip.names.find((n) => n.toLowerCase() === 'doc.kml') ?? zip.names.find((n) => /\.kml$/i.test(n));
  if (!kml)
    throw new ValidationError(
      `the zip holds neither a Shapefile (.shp with .dbf and .prj) nor a KML (entries: ${zip.names.slice(0, 20).join(', ')})`,
      undefined,
      'unsupported_zip',
    );
  const file = path.join(options.workDir, 'doc.kml');
  await zip.extract(kml, file);
  return readKml(file, true);
}

export async function openSource(file: string, options: ReadOptions): Promise<OpenedSource> {
  const container = sniff(await fileHead(file, 64));
  const plain = (source: FeatureSource): OpenedSource => ({ ...source, close: () => undefined });
  switch (container) {
    case 'zip': {
      const zip = await openZip(file);
      try {
        return { ...(await fromZip(zip, options)), close: () => zip.close() };
      } catch (err) {
        zip.close();
        throw err;
      }
    }
    case 'sqlite':
      return plain(await readGeoPackage(file, options));
    case 'json':
      return plain(await readGeoJson(file, options));
    case 'xml':
      return plain(await readKml(file, false));
    case 'csv':
      return plain(await readCsv(file, options));
  }
}
