/**
 * KML (and the doc.kml of a KMZ) → features with @tmcw/togeojson over an @xmldom/xmldom document.
 * A document type declaration is refused before parsing — no entity, internal or external, is ever
 * expanded or fetched (XXE, "billion laughs"). KML coordinates are WGS 84 lon,lat (OGC 07-147r2 §6.2),
 * so no CRS is read or accepted.
 * Reference: OGC KML 2.2; OWASP "XML External Entity Prevention".
 */
import { readFile, stat } from 'node:fs/promises';
import { DOMParser, type Document } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import { PayloadTooLargeError, ValidationError } from '@belcheer/processing';
import type { FeatureSource, SourceFeature } from './import.source.ts';

/** A KML is parsed as one document: at most this many bytes. */
export const MAX_KML_BYTES = 128 * 2 ** 20;

/** Refuses any DOCTYPE or ENTITY declaration (the only way to declare entities). */
export function refuseDoctype(text: string): void {
  const m = /<!(DOCTYPE|ENTITY)\b/i.exec(text);
  if (m)
    throw new ValidationError(
      `the KML declares a ${m[1]!.toUpperCase()} at character ${m.index + 1}: XML document types and entities (including external entities) are refused, never resolved`,
      undefined,
      'xml_entity_refused',
    );
}

function parse(text: string): Document {
  refuseDoctype(text);
  const invalid = (why: string) =>
    new ValidationError(`the KML is not well-formed XML: ${why}`, undefined, 'invalid_kml');
  const errors: string[] = [];
  let doc;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (err) {
    throw invalid((err as Error).message);
  }
  if (errors.length > 0 || !doc.documentElement) throw invalid(errors[0] ?? 'no root element');
  return doc;
}

/** GDAL writes KML dates as `YYYY/MM/DD` (and date-times with `/`): ISO 8601 dashes instead. */
function isoDates(properties: Record<string, unknown> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(properties ?? {}))
    out[k] =
      typeof v === 'string' && /^\d{4}\/\d{2}\/\d{2}\b/.test(v)
        ? v.replace(/^(\d{4})\/(\d{2})\//, '$1-$2-')
        : v;
  return out;
}

async function* items(doc: Document): AsyncGenerator<SourceFeature> {
  let index = 0;
  for (const f of kml(doc).features)
    yield { index: index++, properties: isoDates(f.properties), geometry: f.geometry };
}

export async function readKml(file: string, kmz: boolean): Promise<FeatureSource> {
  const { size } = await stat(file);
  if (size > MAX_KML_BYTES)
    throw new PayloadTooLargeError(
      `the KML has ${size} bytes; at most ${MAX_KML_BYTES} are read as one document`,
    );
  const doc = parse(await readFile(file, 'utf8'));
  return { format: kmz ? 'kmz' : 'kml', crs: 'EPSG:4326', features: items(doc) };
}
