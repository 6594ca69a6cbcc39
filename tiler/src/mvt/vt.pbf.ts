/**
 * A typed door to `vt-pbf` (CommonJS, no type declarations): serialises geojson-vt tiles as Mapbox
 * Vector Tile protobuf (MVT spec 2.1). Only the one function Belcheer uses is declared.
 */
import { createRequire } from 'node:module';
import type { LegacyTile } from 'geojson-vt';

interface VtPbf {
  fromGeojsonVt(
    layers: Readonly<Record<string, LegacyTile>>,
    options: { version: number; extent: number },
  ): Uint8Array;
}

const vtpbf = createRequire(import.meta.url)('vt-pbf') as VtPbf;

/** Encodes geojson-vt tiles, one per layer name, as one MVT (version 2). */
export function geojsonVtToPbf(layers: Readonly<Record<string, LegacyTile>>, extent: number): Uint8Array {
  return vtpbf.fromGeojsonVt(layers, { version: 2, extent });
}
