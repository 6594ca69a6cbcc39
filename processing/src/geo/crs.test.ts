/**
 * The CRS registry against GDAL/PROJ: each definition projects sample points like PROJ does for the
 * same EPSG code (to 1 mm), and carries the EPSG name. Codes next to the accepted ranges are refused.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { lookupCrs } from './crs.ts';

const hasGdalPython = spawnSync('/usr/bin/python3', ['-c', 'from osgeo import osr']).status === 0;

interface Sample {
  readonly code: number;
  /** Geographic CRS of the sample point (WGS 84, or Pulkovo 1942 to leave the datum shift out). */
  readonly from: number;
  readonly lon: number;
  readonly lat: number;
}

const utm = (code: number): Sample => {
  const zone = code % 100;
  return { code, from: 4326, lon: zone * 6 - 183 + 1.3, lat: code > 32700 ? -30.5 : 47.5 };
};
const gk = (code: number, zone: number): Sample => ({ code, from: 4284, lon: zone * 6 - 3 - 2.1, lat: 46.2 });

const SAMPLES: ReadonlyArray<Sample> = [
  { code: 4326, from: 4326, lon: 106.9, lat: 47.9 },
  { code: 3857, from: 4326, lon: 106.9, lat: 47.9 },
  ...[32601, 32643, 32645, 32646, 32647, 32648, 32649, 32650, 32660, 32701, 32750, 32760].map(utm),
  gk(28413, 13),
  gk(28415, 15),
  gk(28418, 18),
  gk(28420, 20),
  gk(2503, 13),
  gk(2508, 18),
  gk(2510, 20),
];

// Names and projected coordinates from GDAL's osr (PROJ), in one Python process.
const SCRIPT = `
import json, sys
from osgeo import osr
out = []
for s in json.loads(sys.argv[1]):
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(s["from"]); dst.ImportFromEPSG(s["code"])
    for r in (src, dst): r.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    x, y, _ = osr.CoordinateTransformation(src, dst).TransformPoint(s["lon"], s["lat"])
    out.append({"name": dst.GetName(), "x": x, "y": y})
print(json.dumps(out))
`;

interface Projected {
  readonly name: string;
  readonly x: number;
  readonly y: number;
}

function osrReference(): Projected[] {
  const json: unknown = JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', SCRIPT, JSON.stringify(SAMPLES)], { encoding: 'utf8' }),
  );
  if (!Array.isArray(json)) throw new Error('unexpected osr output');
  return json.map((r: Record<string, unknown>) => ({ name: String(r.name), x: Number(r.x), y: Number(r.y) }));
}

const PULKOVO_1942 = '+proj=longlat +ellps=krass +towgs84=25,-141,-78.5,0,0.35,0.736,0 +no_defs';

describe('lookupCrs', () => {
  it('accepts the WGS 84 UTM zones, 4326, 3857 and Pulkovo 1942 / Gauss-Kruger 13–20 only', () => {
    for (const code of [4326, 3857, 32601, 32660, 32701, 32760, 28413, 28420, 2503, 2510])
      expect(lookupCrs(code)?.epsg).toBe(code);
    for (const code of [0, 2000, 4284, 32600, 32661, 32700, 32761, 28412, 28421, 2502, 2511, 900913])
      expect(lookupCrs(code)).toBeNull();
  });

  describe.skipIf(!hasGdalPython)('against GDAL/PROJ', () => {
    const reference = hasGdalPython ? osrReference() : [];

    it.each(SAMPLES.map((s, i) => [s.code, s, i] as const))(
      'EPSG:%i has the EPSG name and projects like PROJ',
      (_code, sample, i) => {
        const crs = lookupCrs(sample.code);
        const ref = reference[i];
        expect(crs?.name).toBe(ref?.name);
        const from = sample.from === 4326 ? 'EPSG:4326' : PULKOVO_1942;
        const [x = Number.NaN, y = Number.NaN] = proj4(from, crs?.proj4 ?? '', [sample.lon, sample.lat]);
        const tolerance = sample.code === 4326 ? 1e-9 : 1e-3;
        expect(Math.abs(x - (ref?.x ?? 0))).toBeLessThan(tolerance);
        expect(Math.abs(y - (ref?.y ?? 0))).toBeLessThan(tolerance);
      },
    );
  });
});
