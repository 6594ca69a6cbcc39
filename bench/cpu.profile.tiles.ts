/**
 * CPU time of one uncached raster tile in process (issue 5, acceptance 5b): a Tiler over a COG held in
 * memory renders every 256 px tile of the footprint at native, native−1 and native−2 once to warm the
 * block cache, then again `--rounds` times; per zoom it prints the process CPU time per tile (all
 * threads, so sharp's PNG encode is included), split into render (warp and colour) and encode. The
 * machine is shared: compare CPU ms per tile, not wall time. Add `--cpu-prof` to node for a profile.
 *
 *   node --import tsx bench/cpu.profile.tiles.ts [--cog /tmp/belcheer-bench-tiles/cog-4096.tif]
 *     [--product rgb|vari] [--rounds 2] [--zooms 0,1,2]   (zooms below native)
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { memorySource } from '../processing/src/tiff/testing/memory.source.ts';
import {
  encodeTile,
  productNamed,
  renderRgba,
  tilesCovering,
  Tiler,
  zoomForPixelSize,
  type TileAddress,
} from '../tiler/src/index.ts';

const { values } = parseArgs({
  options: {
    cog: { type: 'string', default: '/tmp/belcheer-bench-tiles/cog-4096.tif' },
    product: { type: 'string', default: 'rgb' },
    rounds: { type: 'string', default: '2' },
    zooms: { type: 'string', default: '0,1,2' },
  },
});
const bytes = new Uint8Array(readFileSync(values.cog));
const tiler = new Tiler();
const open = () => Promise.resolve(memorySource(bytes));
const source = await tiler.source('bench', open);
const native = zoomForPixelSize(source.mercatorResolution);
const bandContext = { names: source.info.bandNames, reflectance: null };
const params = values.product === 'rgb' ? {} : { colormap: 'rdylgn' as const };
const product = productNamed(values.product);
const { defaultRange } = await tiler.context('bench', open, values.product, params, bandContext);
const request = (tile: TileAddress) => ({
  tile,
  tileSize: 256 as const,
  product,
  params,
  defaultRange,
  bands: bandContext,
});
const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

const rows: Record<string, unknown>[] = [];
for (const dz of values.zooms.split(',').map(Number)) {
  const z = native - dz;
  const r = tilesCovering(source.bounds, z);
  const tiles: TileAddress[] = [];
  for (let y = r.minY; y <= r.maxY; y++) for (let x = r.minX; x <= r.maxX; x++) tiles.push({ z, x, y });
  for (const tile of tiles) await renderRgba(source, request(tile));
  let rendered = 0;
  let bodyBytes = 0;
  let renderCpu = 0;
  let encodeCpu = 0;
  const t0 = performance.now();
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const tile of tiles) {
      const c0 = process.cpuUsage();
      const { rgba } = await renderRgba(source, request(tile));
      renderCpu += cpuMs(c0);
      if (!rgba) continue;
      const c1 = process.cpuUsage();
      bodyBytes += (await encodeTile(rgba, 256, 'png')).length;
      encodeCpu += cpuMs(c1);
      rendered++;
    }
  }
  const n = Math.max(1, rendered);
  rows.push({
    z,
    dz: -dz,
    level: source.levelFor(z, 256),
    tiles: tiles.length,
    rendered,
    cpuMsPerTile: (renderCpu + encodeCpu) / n,
    renderCpuMs: renderCpu / n,
    encodeCpuMs: encodeCpu / n,
    wallMsPerTile: (performance.now() - t0) / n,
    meanKiB: bodyBytes / 1024 / n,
  });
}
console.log(
  JSON.stringify({ cog: values.cog, product: values.product, native, loadavg: loadavg(), rows }, null, 1),
);
