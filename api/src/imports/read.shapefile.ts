/**
 * A zipped Shapefile read record by record (`shapefile`): the .shp and .dbf (and .prj, .cpg) of one
 * layer are inflated from the zip into the work folder under fixed names, then streamed. The .cpg
 * names the attribute encoding (UTF-8 when absent); the .prj gives the CRS — a Shapefile without one
 * is refused unless the caller names the CRS (asked, not guessed).
 * Reference: ESRI Shapefile Technical Description (1998); issue 7 "Import".
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Feature } from 'geojson';
import * as shapefile from 'shapefile';
import { ValidationError } from '@belcheer/processing';
import { crsOfName, crsOfWkt, geometryToLonLat, type ImportCrs } from './crs.resolve.ts';
import type { FeatureSource, ReadOptions, SourceFeature } from './import.source.ts';
import type { SafeZip } from './zip.safe.ts';

const PARTS = ['shp', 'dbf', 'prj', 'cpg'] as const;
type Part = (typeof PARTS)[number];

/** The entries of the layer: `base.shp` plus its siblings, matched case-insensitively. */
function layerEntries(zip: SafeZip, shp: string): Partial<Record<Part, string>> {
  const base = shp.slice(0, -4).toLowerCase();
  const found: Partial<Record<Part, string>> = {};
  for (const name of zip.names) {
    const ext = name.slice(-3).toLowerCase() as Part;
    if (name.slice(0, -4).toLowerCase() === base && name[name.length - 4] === '.' && PARTS.includes(ext))
      found[ext] = name;
  }
  return found;
}

/** The .shp to read: the only one, or the one named by `layer`. */
export function pickShp(zip: SafeZip, layer: string | undefined): string {
  const shps = zip.names.filter((n) => /\.shp$/i.test(n));
  const chosen = layer ? shps.filter((n) => path.posix.basename(n, n.slice(-4)) === layer) : shps;
  if (chosen.length === 1) return chosen[0]!;
  throw new ValidationError(
    chosen.length === 0 && layer
      ? `the zip has no Shapefile layer "${layer}" (it has: ${shps.join(', ')})`
      : `the zip holds ${shps.length} Shapefiles (${shps.join(', ')}); name one with ?layer=`,
    undefined,
    'ambiguous_layer',
  );
}

async function crsOf(prj: string | null, options: ReadOptions): Promise<ImportCrs> {
  if (options.crs) return crsOfName(options.crs);
  if (prj === null)
    throw new ValidationError(
      'the Shapefile has no .prj, so its coordinate system is unknown; it is not guessed — add the .prj or name the CRS with ?crs=EPSG:n (e.g. EPSG:32648 for UTM zone 48N)',
      undefined,
      'missing_prj',
    );
  return crsOfWkt(prj, '.prj');
}

/** dBASE D fields arrive as local-midnight Dates: back to the calendar date they hold, `YYYY-MM-DD`. */
function plainValues(properties: Record<string, unknown> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const pad = (n: number) => String(n).padStart(2, '0');
  for (const [k, v] of Object.entries(properties ?? {}))
    out[k] = v instanceof Date ? `${v.getFullYear()}-${pad(v.getMonth() + 1)}-${pad(v.getDate())}` : v;
  return out;
}

async function* records(source: shapefile.Source<Feature>, crs: ImportCrs): AsyncGenerator<SourceFeature> {
  let index = 0;
  try {
    for (let r = await source.read(); !r.done; r = await source.read()) {
      yield {
        index: index++,
        properties: plainValues(r.value.properties),
        geometry: geometryToLonLat(r.value.geometry, crs),
      };
    }
  } finally {
    await source.cancel();
  }
}

export async function readShapefile(zip: SafeZip, options: ReadOptions): Promise<FeatureSource> {
  const entries = layerEntries(zip, pickShp(zip, options.layer));
  if (!entries.dbf)
    throw new ValidationError(`the Shapefile ${entries.shp} has no .dbf beside it`, undefined, 'missing_dbf');
  const local = (part: Part) => path.join(options.workDir, `layer.${part}`);
  for (const part of PARTS) if (entries[part]) await zip.extract(entries[part], local(part));
  const text = async (part: Part) => (entries[part] ? (await readFile(local(part), 'utf8')).trim() : null);
  const crs = await crsOf(await text('prj'), options);
  const encoding = (await text('cpg')) || 'utf-8';
  let source: shapefile.Source<Feature>;
  try {
    source = await shapefile.open(local('shp'), local('dbf'), { encoding });
  } catch (err) {
    throw new ValidationError(
      `the Shapefile cannot be read: ${(err as Error).message}`,
      undefined,
      'invalid_shapefile',
    );
  }
  return { format: 'shapefile', crs: crs.label, features: records(source, crs) };
}
