import { readFileSync } from 'node:fs';
import { memorySource } from '../../processing/src/tiff/testing/memory.source.ts';
import { buildPyramid, encodeTile, Tiler, tilesCovering, type TileAddress } from '../../tiler/src/index.ts';
const bytes = new Uint8Array(readFileSync('/tmp/belcheer-bench-tiles/cog-8192.tif'));
const tiler = new Tiler({ blockCacheBytes: 384 << 20 });
const tiler2 = new Tiler({ blockCacheBytes: 384 << 20 });
let turn = 0;
const MODE = process.env.MODE ?? 'one';
const open = () => Promise.resolve(memorySource(bytes));
const source = await tiler.source('cog', open);
const minZoom = 15,
  maxZoom = 20;
const ranges = new Map([15, 16, 17, 18, 19, 20].map((z) => [z, tilesCovering(source.bounds, z)]));
const covers = ({ z, x, y }: TileAddress) => {
  const r = ranges.get(z);
  return !!r && x >= r.minX && x <= r.maxX && y >= r.minY && y <= r.maxY;
};
const top = ranges.get(15)!;
const roots: TileAddress[] = [];
for (let y = top.minY; y <= top.maxY; y++)
  for (let x = top.minX; x <= top.maxX; x++) roots.push({ z: 15, x, y });
const q = {
  tileSize: 256,
  product: 'rgb',
  params: {},
  format: 'png',
  bands: { names: source.info.bandNames, reflectance: null },
  maxZoom,
} as const;
const t0 = performance.now();
const c0 = process.cpuUsage();
let n = 0;
await buildPyramid({
  minZoom,
  maxZoom,
  tileSize: 256,
  roots,
  covers,
  concurrency: 1,
  subtree: (root) => {
    const t =
      MODE === 'alt'
        ? turn++ % 2
          ? tiler2
          : tiler
        : MODE === 'hash'
          ? ((root.x >> 1) + (root.y >> 1)) % 2
            ? tiler2
            : tiler
          : tiler;
    return t.subtree('cog', open, { ...q, root });
  },
  encode: (r) => encodeTile(r, 256, 'png'),
  emit: async ({ body }) => {
    if (body) n++;
  },
});
const c = process.cpuUsage(c0);
console.log(
  n,
  ((performance.now() - t0) / 1000).toFixed(2),
  's',
  ((c.user + c.system) / 1e6).toFixed(2),
  'cpu s',
);
