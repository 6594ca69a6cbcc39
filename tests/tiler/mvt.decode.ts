/**
 * Test helpers for Mapbox Vector Tiles: decoding with @mapbox/vector-tile (an implementation
 * independent of the encoders under test), per-feature summaries (area and bbox in tile units), and the
 * tile arithmetic of the OSM/Google XYZ scheme written out from its formula.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

export interface DecodedFeature {
  readonly id: number | undefined;
  readonly type: number;
  readonly properties: Record<string, string | number | boolean>;
  /** Signed shoelace area in tile units² (outer rings positive, holes negative, y down). */
  readonly area: number;
  /** [minX, minY, maxX, maxY] over every vertex, in tile units. */
  readonly bbox: [number, number, number, number];
  readonly vertices: number;
}

export interface DecodedLayer {
  readonly name: string;
  readonly extent: number;
  readonly version: number;
  readonly features: DecodedFeature[];
}

export function decodeMvt(bytes: Uint8Array): Map<string, DecodedLayer> {
  const tile = new VectorTile(new PbfReader(bytes));
  const out = new Map<string, DecodedLayer>();
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      const rings = f.loadGeometry();
      let area = 0;
      let vertices = 0;
      const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const ring of rings) {
        let sum = 0;
        for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
          const a = ring[j]!;
          const b = ring[k]!;
          sum += a.x * b.y - b.x * a.y;
          bbox[0] = Math.min(bbox[0], b.x);
          bbox[1] = Math.min(bbox[1], b.y);
          bbox[2] = Math.max(bbox[2], b.x);
          bbox[3] = Math.max(bbox[3], b.y);
        }
        vertices += ring.length;
        area += sum / 2;
      }
      features.push({
        id: f.id,
        type: f.type,
        properties: { ...f.properties },
        area,
        bbox,
        vertices,
      });
    }
    out.set(name, { name, extent: layer.extent, version: layer.version, features });
  }
  return out;
}

/** The XYZ tile holding lon/lat at zoom z (Web Mercator, y from the north). */
export function tileAt(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const phi = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n);
  return { z, x, y };
}

/** Lon/lat bounds [w, s, e, n] of an XYZ tile. */
export function tileBounds(z: number, x: number, y: number): [number, number, number, number] {
  const n = 2 ** z;
  const lat = (t: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * t) / n))) * 180) / Math.PI;
  return [(x / n) * 360 - 180, lat(y + 1), ((x + 1) / n) * 360 - 180, lat(y)];
}
