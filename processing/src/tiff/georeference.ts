/**
 * The georeferencing of a GeoTIFF image: its pixel-corner geotransform and its CRS, or a refusal that
 * names what is missing ("no georeferencing: …", "CRS EPSG:2000 is not supported").
 * Reference: OGC GeoTIFF 1.1; SPEC §2.1 (georeferenced, with a CRS that can be resolved).
 */
import type { Crs, GeoTransform } from '../raster/types.ts';
import type { TiffByteReader } from './byte.reader.ts';
import { crsFromGeoKeys } from './geo.crs.ts';
import { GeoKey, type GeoKeyValue, parseGeoKeys } from './geo.keys.ts';
import { geoTransformOf } from './geo.transform.ts';
import type { RawIfd } from './ifd.chain.ts';
import { tagNumbers, tagText } from './tag.values.ts';
import { refusedTiff } from './tiff.errors.ts';
import type { TiffHeader } from './tiff.header.ts';
import { Tag } from './tiff.tags.ts';

const RASTER_PIXEL_IS_POINT = 2;

export interface Georeference {
  readonly crs: Crs;
  readonly transform: GeoTransform;
}

export async function readGeoreference(
  reader: TiffByteReader,
  header: TiffHeader,
  raw: RawIfd,
): Promise<Georeference> {
  const numbers = (tag: number) => tagNumbers(reader, header, raw, tag);
  const directory = await numbers(Tag.GeoKeyDirectory);
  const keys = directory
    ? parseGeoKeys({
        directory,
        doubles: await numbers(Tag.GeoDoubleParams),
        ascii: await tagText(reader, raw, Tag.GeoAsciiParams),
      })
    : new Map<number, GeoKeyValue>();
  const transform = geoTransformOf(
    {
      pixelScale: await numbers(Tag.ModelPixelScale),
      tiepoints: await numbers(Tag.ModelTiepoint),
      transformation: await numbers(Tag.ModelTransformation),
    },
    keys.get(GeoKey.GTRasterType) === RASTER_PIXEL_IS_POINT,
  );
  if (!directory) throw refusedTiff('unsupported_crs', 'no CRS: the file has no GeoKeyDirectory');
  return { crs: crsFromGeoKeys(keys), transform };
}
