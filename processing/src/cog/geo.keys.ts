/**
 * The georeferencing tags of the main IFD: GeoKeys naming the EPSG CRS (projected or geographic,
 * PixelIsArea), and ModelPixelScale + ModelTiepoint, or ModelTransformation when the geotransform
 * is rotated. Reference: OGC GeoTIFF 1.1 §7 (GeoKeyDirectory), §B.6 (model transformation).
 */
import { UnsupportedRasterError } from '../errors.ts';
import type { Crs, GeoTransform } from '../raster/types.ts';
import type { IfdEntry } from './ifd.encode.ts';
import { GeoKey, ModelType, RasterPixelIsArea } from '../tiff/geo.keys.ts';
import { FieldType, Tag } from '../tiff/tiff.tags.ts';

function isGeographic(crs: Crs): boolean {
  return /\+proj=(longlat|latlong)\b/.test(crs.proj4);
}

/** The GeoKeyDirectory: version 1.1.0, then (key, location 0 = inline, count 1, value) sorted by key. */
export function geoKeyDirectory(crs: Crs): number[] {
  if (crs.epsg === null) {
    throw new UnsupportedRasterError(`CRS "${crs.name}" has no EPSG code; the COG writer needs one`);
  }
  const geographic = isGeographic(crs);
  const keys: Array<[number, number]> = [
    [GeoKey.GTModelType, geographic ? ModelType.Geographic : ModelType.Projected],
    [GeoKey.GTRasterType, RasterPixelIsArea],
    [geographic ? GeoKey.GeographicType : GeoKey.ProjectedCSType, crs.epsg],
  ];
  return [1, 1, 0, keys.length, ...keys.flatMap(([key, value]) => [key, 0, 1, value])];
}

/** Tie point + pixel scale for north-up rasters, the full 4×4 model transformation otherwise. */
export function modelTransformEntries(t: GeoTransform): IfdEntry[] {
  const [a, b, c, d, e, f] = t;
  if (c === 0 && e === 0) {
    return [
      { tag: Tag.ModelPixelScale, type: FieldType.Double, values: [b, -f, 0] },
      { tag: Tag.ModelTiepoint, type: FieldType.Double, values: [0, 0, 0, a, d, 0] },
    ];
  }
  const matrix = [b, c, 0, a, e, f, 0, d, 0, 0, 0, 0, 0, 0, 0, 1];
  return [{ tag: Tag.ModelTransformation, type: FieldType.Double, values: matrix }];
}

export function georeferencingEntries(crs: Crs, transform: GeoTransform): IfdEntry[] {
  return [
    ...modelTransformEntries(transform),
    { tag: Tag.GeoKeyDirectory, type: FieldType.Short, values: geoKeyDirectory(crs) },
  ];
}
