/**
 * Test and benchmark helper: a RasterReader over a GeoTIFF file read window by window with
 * geotiff.js (independent of Belcheer's own TIFF reader). Tiles or strips are decoded by
 * geotiff.js (DEFLATE through node:zlib instead of pako) and copied row by row into the window.
 * Understands what make-ortho.py and gdal_translate write: pixel-interleaved samples, EPSG
 * GeoKeys, a north-up tie point + scale, GDAL_NODATA, an alpha extra sample, band descriptions,
 * and an internal 1-bit mask.
 */
import { addDecoder, BaseDecoder, fromFile, getDecoder } from 'geotiff';
import type { GeoTIFFImage } from 'geotiff';
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { allocPixels, viewPixels } from '../../raster/pixel.array.ts';
import type {
  BandName,
  PixelArray,
  PixelBlock,
  RasterInfo,
  RasterReader,
  RasterWindow,
  SampleFormat,
} from '../../raster/types.ts';

const inflateAsync = promisify(inflate);

/** Inflates on libuv's thread pool, in one output chunk of a whole tile. */
class ZlibDecoder extends BaseDecoder {
  override async decodeBlock(buffer: ArrayBufferLike): Promise<ArrayBufferLike> {
    const { tileWidth, tileHeight, bitsPerSample } = this.parameters;
    const bits =
      typeof bitsPerSample === 'number'
        ? bitsPerSample
        : Array.from(bitsPerSample).reduce((a, b) => a + b, 0);
    const out = await inflateAsync(new Uint8Array(buffer), {
      chunkSize: Math.max(64 * 1024, (tileWidth * tileHeight * bits) / 8),
    });
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
  }
}
addDecoder([8, 32946], () => Promise.resolve(ZlibDecoder));

const BAND_NAMES: ReadonlyArray<BandName> = ['red', 'green', 'blue', 'rededge', 'nir', 'alpha', 'dsm'];

function sampleFormat(image: GeoTIFFImage): SampleFormat {
  const key = `${image.getSampleFormat()}:${image.getBitsPerSample()}`;
  const formats: Record<string, SampleFormat> = {
    '1:8': 'uint8',
    '1:16': 'uint16',
    '2:16': 'int16',
    '3:32': 'float32',
  };
  const format = formats[key];
  if (!format) throw new Error(`unsupported sample format/bits ${key}`);
  return format;
}

function epsgOf(image: GeoTIFFImage): { epsg: number; geographic: boolean } {
  const keys: Record<string, unknown> = image.getGeoKeys() ?? {};
  const projected = keys['ProjectedCSTypeGeoKey'];
  const geographic = keys['GeographicTypeGeoKey'];
  if (typeof projected === 'number') return { epsg: projected, geographic: false };
  if (typeof geographic === 'number') return { epsg: geographic, geographic: true };
  throw new Error('no EPSG GeoKey');
}

function proj4Of(epsg: number, geographic: boolean): string {
  if (geographic) return '+proj=longlat +datum=WGS84 +no_defs';
  const zone = epsg % 100;
  if (Math.floor(epsg / 100) === 326) return `+proj=utm +zone=${zone} +datum=WGS84 +units=m +no_defs`;
  if (Math.floor(epsg / 100) === 327) return `+proj=utm +zone=${zone} +south +datum=WGS84 +units=m +no_defs`;
  throw new Error(`EPSG:${epsg} is not in this helper's table`);
}

function bandNames(image: GeoTIFFImage, bands: number, alpha: number | null, xml: string): BandName[] {
  const rgb = image.fileDirectory.getValue('PhotometricInterpretation') === 2;
  const names = new Array<BandName>(bands).fill('other');
  if (rgb) names.splice(0, 3, 'red', 'green', 'blue');
  for (const m of xml.matchAll(
    /<Item name="DESCRIPTION" sample="(\d+)" role="description">([^<]*)<\/Item>/g,
  )) {
    const name = BAND_NAMES.find((n) => n === m[2]);
    if (name) names[Number(m[1])] = name;
  }
  if (alpha !== null) names[alpha] = 'alpha';
  return names;
}

function alphaBand(image: GeoTIFFImage, bands: number): number | null {
  const extra: unknown = image.fileDirectory.getValue('ExtraSamples');
  const list =
    typeof extra === 'number'
      ? [extra]
      : Array.isArray(extra) || ArrayBuffer.isView(extra)
        ? Array.from(extra as ArrayLike<number>)
        : [];
  const i = list.findIndex((v) => v === 1 || v === 2);
  return i < 0 ? null : bands - list.length + i;
}

async function maskImage(path: string, width: number, height: number): Promise<GeoTIFFImage | null> {
  const tiff = await fromFile(path);
  const count = await tiff.getImageCount();
  for (let i = 1; i < count; i++) {
    const image = await tiff.getImage(i);
    const subfile: unknown = image.fileDirectory.getValue('NewSubfileType');
    if (subfile === 4 && image.getWidth() === width && image.getHeight() === height) return image;
  }
  return null;
}

function asPixels(values: unknown): PixelArray {
  if (
    values instanceof Uint8Array ||
    values instanceof Uint16Array ||
    values instanceof Int16Array ||
    values instanceof Float32Array
  ) {
    return values;
  }
  throw new Error('geotiff.js returned an unexpected array type');
}

export async function geotiffReader(path: string): Promise<RasterReader> {
  const image = await (await fromFile(path)).getImage(0);
  const width = image.getWidth();
  const height = image.getHeight();
  const bands = image.getSamplesPerPixel();
  const { epsg, geographic } = epsgOf(image);
  const [ox, oy] = image.getOrigin() as [number, number];
  const [rx, ry] = image.getResolution() as [number, number];
  const alpha = alphaBand(image, bands);
  const metadata: unknown = image.fileDirectory.hasTag('GDAL_METADATA')
    ? await image.fileDirectory.loadValue('GDAL_METADATA')
    : '';
  const mask = await maskImage(path, width, height);
  const info: RasterInfo = {
    width,
    height,
    bands,
    sampleFormat: sampleFormat(image),
    crs: { epsg, proj4: proj4Of(epsg, geographic), name: `EPSG:${epsg}` },
    transform: [ox, rx, 0, oy, 0, ry],
    noData: image.getGDALNoData(),
    alphaBand: alpha,
    hasMask: mask !== null,
    bandNames: bandNames(image, bands, alpha, typeof metadata === 'string' ? metadata : ''),
  };
  if (image.fileDirectory.getValue('PlanarConfiguration') !== 1)
    throw new Error(`${path}: not pixel-interleaved`);
  const tw = image.getTileWidth();
  const th = image.getTileHeight();
  const decoder = await getDecoder(Number(image.fileDirectory.getValue('Compression') ?? 1), {
    tileWidth: tw,
    tileHeight: th,
    predictor: Number((await image.fileDirectory.loadValue('Predictor')) ?? 1),
    bitsPerSample: new Array<number>(bands).fill(image.getBitsPerSample()),
    planarConfiguration: 1,
  });

  async function readData(w: RasterWindow): Promise<PixelArray> {
    const out = allocPixels(info.sampleFormat, w.width * w.height * bands);
    const copies: Array<Promise<void>> = [];
    for (let ty = Math.floor(w.y / th); ty * th < w.y + w.height; ty++) {
      for (let tx = Math.floor(w.x / tw); tx * tw < w.x + w.width; tx++) {
        copies.push(
          image.getTileOrStrip(tx, ty, 0, decoder).then((tile) => {
            const block = viewPixels(info.sampleFormat, new Uint8Array(tile.data));
            const x0 = Math.max(w.x, tx * tw);
            const x1 = Math.min(w.x + w.width, (tx + 1) * tw);
            const y1 = Math.min(w.y + w.height, ty * th + image.getBlockHeight(ty));
            for (let y = Math.max(w.y, ty * th); y < y1; y++) {
              const from = ((y - ty * th) * tw + (x0 - tx * tw)) * bands;
              out.set(
                block.subarray(from, from + (x1 - x0) * bands),
                ((y - w.y) * w.width + (x0 - w.x)) * bands,
              );
            }
          }),
        );
      }
    }
    await Promise.all(copies);
    return out;
  }

  return {
    info,
    async readWindow(w): Promise<PixelBlock> {
      const window = [w.x, w.y, w.x + w.width, w.y + w.height];
      const bits = mask ? asPixels(await mask.readRasters({ window, interleave: true })) : null;
      const maskBytes = bits ? Uint8Array.from(bits, (v) => (v === 0 ? 0 : 255)) : null;
      return { width: w.width, height: w.height, bands, data: await readData(w), mask: maskBytes };
    },
  };
}
