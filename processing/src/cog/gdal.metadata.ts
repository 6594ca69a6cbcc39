/**
 * GDAL's private TIFF tags: GDAL_NODATA (42113, the nodata value as text) and GDAL_METADATA
 * (42112, XML; here the band descriptions, e.g. "nir", that a TIFF has no other place for), and
 * the "ghost" structural metadata block GDAL writes right after the TIFF header of a COG.
 * Reference: GDAL GTiff driver documentation ("Nodata value", "Metadata"); GDAL COG driver
 * ("Header ghost area"), checked by validate_cloud_optimized_geotiff.py.
 */
import type { BandName } from '../raster/types.ts';
import { xmlEscape } from '../text/xml.escape.ts';

export function gdalNoDataText(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

/** Statistics of a band as GDAL stores them (`gdalinfo -stats`, STATISTICS_* items). */
export interface BandStatistics {
  readonly minimum: number;
  readonly maximum: number;
  readonly mean: number;
  readonly stdDev: number;
  /** Share of valid pixels, %. */
  readonly validPercent: number;
  /** True when computed from an overview (GDAL's -approx_stats). */
  readonly approximate: boolean;
}

/** Per-band metadata a COG's writer may add: a free-text description and statistics. */
export interface BandMetadataOut {
  readonly description?: string;
  readonly statistics?: BandStatistics;
}

function statisticsItems(band: number, s: BandStatistics): string[] {
  const item = (name: string, value: string) => `  <Item name="${name}" sample="${band}">${value}</Item>\n`;
  return [
    ...(s.approximate ? [item('STATISTICS_APPROXIMATE', 'YES')] : []),
    item('STATISTICS_MAXIMUM', String(s.maximum)),
    item('STATISTICS_MEAN', String(s.mean)),
    item('STATISTICS_MINIMUM', String(s.minimum)),
    item('STATISTICS_STDDEV', String(s.stdDev)),
    item('STATISTICS_VALID_PERCENT', String(s.validPercent)),
  ];
}

/**
 * DESCRIPTION items for the named bands not already implied by an RGB photometric (or the given
 * descriptions), and any band statistics; null when there is nothing to say.
 */
export function gdalMetadataXml(
  bandNames: ReadonlyArray<BandName>,
  rgb: boolean,
  extra: ReadonlyArray<BandMetadataOut> = [],
): string | null {
  const items = bandNames.flatMap((name, band) => {
    const description =
      extra[band]?.description ?? (name === 'other' || name === 'alpha' || (rgb && band < 3) ? null : name);
    const statistics = extra[band]?.statistics;
    return [
      ...(description === null
        ? []
        : [
            `  <Item name="DESCRIPTION" sample="${band}" role="description">${xmlEscape(description)}</Item>\n`,
          ]),
      ...(statistics ? statisticsItems(band, statistics) : []),
    ];
  });
  return items.length === 0 ? null : `<GDALMetadata>\n${items.join('')}</GDALMetadata>\n`;
}

/**
 * The ghost header: IFDs come first, tiles in row-major order, each preceded by its size as a
 * uint32 and followed by a repeat of its last 4 bytes, and each mask tile right after its tile.
 */
export function ghostHeader(maskInterleaved: boolean): string {
  const body =
    'LAYOUT=IFDS_BEFORE_DATA\n' +
    'BLOCK_ORDER=ROW_MAJOR\n' +
    'BLOCK_LEADER=SIZE_AS_UINT4\n' +
    'BLOCK_TRAILER=LAST_4_BYTES_REPEATED\n' +
    'KNOWN_INCOMPATIBLE_EDITION=NO\n ' +
    (maskInterleaved ? 'MASK_INTERLEAVED_WITH_IMAGERY=YES\n' : '');
  return `GDAL_STRUCTURAL_METADATA_SIZE=${String(body.length).padStart(6, '0')} bytes\n${body}`;
}
