/**
 * Per-band items of the GDAL_METADATA tag (42112): description, scale, offset and colour
 * interpretation, e.g. `<Item name="DESCRIPTION" sample="3" role="description">rededge</Item>`.
 * Reference: GDAL GTiff driver, "Metadata" (the GDALMetadata XML document).
 */

export interface BandMetadata {
  readonly description: string | null;
  readonly scale: number | null;
  readonly offset: number | null;
  readonly colorInterp: string | null;
}

const ITEM = /<Item\b([^>]*)>([^<]*)<\/Item>/g;
const ATTRIBUTE = /(\w+)="([^"]*)"/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');
}

function numberOrNull(text: string | undefined): number | null {
  const value = text === undefined ? Number.NaN : Number(text);
  return Number.isFinite(value) ? value : null;
}

/** One entry per band (`bands` of them); fields absent from the XML are null. */
export function parseGdalMetadata(xml: string | null, bands: number): BandMetadata[] {
  const items = Array.from({ length: bands }, () => new Map<string, string>());
  for (const [, attributes = '', body = ''] of (xml ?? '').matchAll(ITEM)) {
    const attrs = new Map(
      Array.from(attributes.matchAll(ATTRIBUTE), ([, k = '', v = '']) => [k, unescape(v)]),
    );
    const sample = Number(attrs.get('sample'));
    const key = (attrs.get('role') ?? attrs.get('name') ?? '').toLowerCase();
    items[sample]?.set(key, unescape(body).trim());
  }
  return items.map((item) => ({
    description: item.get('description') || null,
    scale: numberOrNull(item.get('scale')),
    offset: numberOrNull(item.get('offset')),
    colorInterp: item.get('colorinterp') || null,
  }));
}
