/**
 * The GDAL-order geotransform of the pixel corner from ModelPixelScale + ModelTiepoint (checked first,
 * as GDAL does) or ModelTransformation. A PixelIsPoint raster is shifted by half a pixel so that the
 * transform addresses pixel corners, as GDAL does by default (GTIFF_POINT_GEO_IGNORE=NO).
 * Reference: OGC GeoTIFF 1.1 §7.2 (raster to model transformation), GDAL gt_wkt_srs/GTiff driver.
 */
import type { GeoTransform } from '../raster/types.ts';
import { refusedTiff } from './tiff.errors.ts';

export interface GeoTransformTags {
  readonly pixelScale: Float64Array | null;
  readonly tiepoints: Float64Array | null;
  readonly transformation: Float64Array | null;
}

function fromTiepoint(scale: Float64Array, tiepoints: Float64Array): GeoTransform {
  const [sx = 0, sy = 0] = scale;
  const [i = 0, j = 0, , x = 0, y = 0] = tiepoints;
  return [x - i * sx, sx, 0, y + j * sy, 0, -sy];
}

function fromMatrix(m: Float64Array): GeoTransform {
  return [m[3] ?? 0, m[0] ?? 0, m[1] ?? 0, m[7] ?? 0, m[4] ?? 0, m[5] ?? 0];
}

function choose({ pixelScale, tiepoints, transformation }: GeoTransformTags): GeoTransform {
  const scaled = pixelScale && pixelScale.length >= 2 && pixelScale[0] !== 0 && pixelScale[1] !== 0;
  if (scaled && tiepoints && tiepoints.length >= 6) {
    if (tiepoints.length > 6) {
      throw refusedTiff(
        'no_georeferencing',
        `${tiepoints.length / 6} tie points with a pixel scale: ground control points are not supported`,
      );
    }
    return fromTiepoint(pixelScale, tiepoints);
  }
  if (transformation && transformation.length >= 16) return fromMatrix(transformation);
  if (tiepoints && tiepoints.length >= 6) {
    throw refusedTiff(
      'no_georeferencing',
      `${Math.floor(tiepoints.length / 6)} tie points without a pixel scale: ground control points are not supported`,
    );
  }
  throw refusedTiff(
    'no_georeferencing',
    'no georeferencing: neither ModelTiepoint+ModelPixelScale nor ModelTransformation',
  );
}

/** The geotransform of the pixel corner; `pixelIsPoint` when GTRasterTypeGeoKey is 2. */
export function geoTransformOf(tags: GeoTransformTags, pixelIsPoint: boolean): GeoTransform {
  const gt = choose(tags);
  const [a, b, c, d, e, f] = gt;
  if (!gt.every(Number.isFinite) || b * f - c * e === 0) {
    throw refusedTiff('no_georeferencing', `degenerate georeferencing: geotransform [${gt.join(', ')}]`);
  }
  return pixelIsPoint ? [a - (b + c) / 2, b, c, d - (e + f) / 2, e, f] : gt;
}
