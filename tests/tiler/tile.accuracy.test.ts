/**
 * Tile accuracy (issue 5, acceptance 1; SPEC §5 "tile accuracy"): a synthetic UTM 48N ortho (5 cm,
 * RGBA, nodata corner) from ../shared/peers/make-ortho.py, made a COG by our writer; for tiles at the
 * native zoom (and one above), native−2 and native−4 our rendering is compared with gdalwarp's tile
 * of the same COG (../shared/peers/tile-reference.sh, bilinear): mean absolute difference ≤ 1 DN per
 * band, the same transparent pixels except along the footprint's edge, and the approximate
 * transform's position error < 0.1 px.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTiff, writeCog } from '@belcheer/processing';
import { memorySource } from '../../processing/src/tiff/testing/memory.source.ts';
import {
  rgbProduct,
  renderTile,
  tilesCovering,
  WarpSource,
  zoomForPixelSize,
  type TileAddress,
} from '../../tiler/src/index.ts';

const PEERS = '/work/shared/peers';
const hasGdal =
  spawnSync('gdalwarp', ['--version']).status === 0 &&
  spawnSync('/usr/bin/python3', ['-c', 'import rasterio']).status === 0;

let dir: string;
let cogPath: string;
let source: WarpSource;
let native: number;

async function reference(tile: TileAddress): Promise<Uint8Array> {
  const out = path.join(dir, `ref-${tile.z}-${tile.x}-${tile.y}.tif`);
  const r = spawnSync(`${PEERS}/tile-reference.sh`, [
    cogPath,
    `${tile.z}`,
    `${tile.x}`,
    `${tile.y}`,
    out,
    'bilinear',
  ]);
  if (r.status !== 0) throw new Error(`tile-reference.sh failed: ${r.stderr.toString()}`);
  const tiff = await openTiff(memorySource(new Uint8Array(await readFile(out))));
  expect(tiff.info.bands).toBe(4);
  const block = await tiff.reader(0).readWindow({ x: 0, y: 0, width: 256, height: 256 });
  return block.data as Uint8Array;
}

interface Comparison {
  readonly meanAbs: [number, number, number];
  readonly compared: number;
  /** Pixels transparent in one tile and not the other, away from the reference's footprint edge. */
  readonly interiorMismatch: number;
  readonly edgeMismatch: number;
}

function compare(ours: Uint8Array, ref: Uint8Array, size: number): Comparison {
  const sums = [0, 0, 0];
  let compared = 0;
  let interiorMismatch = 0;
  let edgeMismatch = 0;
  const opaque = (a: Uint8Array, i: number) => a[i * 4 + 3]! > 0;
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const i = row * size + col;
      const a = opaque(ours, i);
      const b = opaque(ref, i);
      if (a && b) {
        for (let k = 0; k < 3; k++) sums[k]! += Math.abs(ours[i * 4 + k]! - ref[i * 4 + k]!);
        compared++;
      } else if (a !== b) {
        let edge = row === 0 || col === 0 || row === size - 1 || col === size - 1;
        for (let dy = -1; dy <= 1 && !edge; dy++)
          for (let dx = -1; dx <= 1 && !edge; dx++) {
            const j = (row + dy) * size + col + dx;
            if (opaque(ref, j) !== b || opaque(ours, j) !== a) edge = true;
          }
        if (edge) edgeMismatch++;
        else interiorMismatch++;
      }
    }
  }
  const mean = sums.map((s) => (compared ? s / compared : 0)) as [number, number, number];
  return { meanAbs: mean, compared, interiorMismatch, edgeMismatch };
}

/** Up to `limit` tiles of zoom z over the raster: the centre one first, then corners. */
function tilesAt(z: number, limit: number): TileAddress[] {
  const r = tilesCovering(source.bounds, z);
  const all: TileAddress[] = [];
  for (let y = r.minY; y <= r.maxY; y++) for (let x = r.minX; x <= r.maxX; x++) all.push({ z, x, y });
  const cx = Math.floor((r.minX + r.maxX) / 2);
  const cy = Math.floor((r.minY + r.maxY) / 2);
  const picked = [
    { z, x: cx, y: cy },
    { z, x: r.minX, y: r.minY },
    { z, x: r.maxX, y: r.maxY },
    { z, x: r.minX, y: r.maxY },
  ];
  const seen = new Set<string>();
  return picked
    .filter((t) => all.some((a) => a.x === t.x && a.y === t.y))
    .filter((t) => !seen.has(`${t.x}/${t.y}`) && seen.add(`${t.x}/${t.y}`))
    .slice(0, limit);
}

describe.skipIf(!hasGdal)('tile accuracy against gdalwarp', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'belcheer-tiles-'));
    const ortho = path.join(dir, 'ortho.tif');
    const made = spawnSync('/usr/bin/python3', [`${PEERS}/make-ortho.py`, '2048', ortho, '--bands', 'rgb']);
    if (made.status !== 0) throw new Error(made.stderr.toString());
    const input = await openTiff(memorySource(new Uint8Array(await readFile(ortho))));
    cogPath = path.join(dir, 'cog.tif');
    await writeCog(input.reader(0), { path: cogPath });
    source = new WarpSource(await openTiff(memorySource(new Uint8Array(await readFile(cogPath)))));
    native = zoomForPixelSize(source.mercatorResolution);
  }, 120_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const results: Record<string, unknown>[] = [];
  afterAll(() => {
    console.log(JSON.stringify({ tileAccuracy: results }));
  });

  for (const dz of [1, 0, -2, -4]) {
    it(`matches gdalwarp at native${dz === 0 ? '' : dz > 0 ? `+${dz}` : `${dz}`}`, async () => {
      const z = native + dz;
      const tiles = tilesAt(z, 4);
      expect(tiles.length).toBeGreaterThan(0);
      for (const tile of tiles) {
        const warped = await source.warp({
          tile,
          tileSize: 256,
          bands: [0, 1, 2],
          resampling: 'bilinear',
          measureError: true,
        });
        expect(warped.maxErrorPx).toBeLessThan(0.1);
        const { body } = await renderTile(source, {
          tile,
          tileSize: 256,
          product: rgbProduct,
          params: {},
          format: 'png',
          defaultRange: [0, 255],
          bands: { names: source.info.bandNames, reflectance: null },
        });
        const ref = await reference(tile);
        const ours = body
          ? new Uint8Array(await sharp(body).ensureAlpha().raw().toBuffer())
          : new Uint8Array(256 * 256 * 4);
        const c = compare(ours, ref, 256);
        results.push({
          z,
          dz,
          x: tile.x,
          y: tile.y,
          level: warped.level,
          maxErrorPx: warped.maxErrorPx,
          ...c,
        });
        if (c.compared > 0) for (const m of c.meanAbs) expect(m).toBeLessThanOrEqual(1);
        expect(c.interiorMismatch).toBe(0);
      }
    });
  }
});
