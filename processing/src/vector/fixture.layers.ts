/**
 * Test layers shared by the writer tests, and OGR's view of a written file (Python GDAL bindings):
 * a polygon layer with Cyrillic text, quotes and markup, a hole given clockwise (the wrong way for
 * GeoJSON), a two-polygon unit, nulls and a note longer than a dBASE field; a point layer.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PYTHON, runOk } from '../testing/gdal.ts';
import type { VectorLayer } from './vector.layer.ts';

/** 'a' then 150 Cyrillic letters: 301 UTF-8 bytes; cut to 254 bytes it ends after 126 letters (253 bytes). */
export const LONG_NOTE = 'a' + 'б'.repeat(150);

export const UNITS: VectorLayer = {
  name: 'pasture_units',
  geometryType: 'MultiPolygon',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'area_ha', type: 'real' },
    { name: 'version', type: 'integer' },
    { name: 'survey_date', type: 'date', shpName: 'date' },
    { name: 'created_at', type: 'datetime' },
    { name: 'fenced', type: 'boolean' },
    { name: 'notes', type: 'string' },
  ],
  features: [
    {
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            // outer ring clockwise, hole counter-clockwise: both the wrong way round for RFC 7946
            [
              [106, 47],
              [106, 48],
              [107, 48],
              [107, 47],
              [106, 47],
            ],
            [
              [106.25, 47.25],
              [106.75, 47.25],
              [106.75, 47.75],
              [106.25, 47.75],
              [106.25, 47.25],
            ],
          ],
        ],
      },
      values: [
        'Хаврын "зуслан" & <өвөлжөө>',
        1234.5678,
        3,
        '2026-06-15',
        '2026-06-15T08:30:00.000Z',
        true,
        LONG_NOTE,
      ],
    },
    {
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [108, 46],
              [109, 46],
              [108, 47],
              [108, 46],
            ],
          ],
          [
            [
              [110, 46],
              [111, 46],
              [110, 47],
              [110, 46],
            ],
          ],
        ],
      },
      values: ['Өвөлжөө, 2', null, 1, null, '2026-01-02T00:00:00.000Z', false, null],
    },
  ],
};

export const PLOTS: VectorLayer = {
  name: 'field_plots',
  geometryType: 'Point',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'biomass_kg_ha', type: 'real', shpName: 'biomass' },
    { name: 'fresh', type: 'boolean' },
  ],
  features: [
    { geometry: { type: 'Point', coordinates: [106.5, 47.5] }, values: ['Талбай 1', 812.5, false] },
    { geometry: { type: 'Point', coordinates: [106.75, 47.125] }, values: [null, null, null] },
  ],
};

export interface OgrLayer {
  readonly driver: string;
  readonly count: number;
  readonly epsg: string | null;
  readonly geometryType: string;
  /** name → OGR type (with subtype: `Integer(Boolean)`). */
  readonly fields: Record<string, string>;
  readonly features: ReadonlyArray<{ readonly wkt: string; readonly values: Record<string, unknown> }>;
}

const SCRIPT = `
import json, sys
from osgeo import gdal, ogr
gdal.UseExceptions()
ds = gdal.OpenEx(sys.argv[1], gdal.OF_VECTOR, open_options=sys.argv[2:])
lyr = ds.GetLayer(0)
defn = lyr.GetLayerDefn()
def ftype(f):
    t = ogr.GetFieldTypeName(f.GetType())
    s = f.GetSubType()
    return t + ('(' + ogr.GetFieldSubTypeName(s) + ')' if s else '')
fields = {defn.GetFieldDefn(i).GetName(): ftype(defn.GetFieldDefn(i)) for i in range(defn.GetFieldCount())}
srs = lyr.GetSpatialRef()
if srs: srs.AutoIdentifyEPSG()
feats = []
for f in lyr:
    g = f.GetGeometryRef()
    feats.append({'wkt': g.ExportToIsoWkt() if g else None,
                  'values': {k: (f.GetField(k) if f.IsFieldSetAndNotNull(k) else None) for k in fields}})
print(json.dumps({'driver': ds.GetDriver().ShortName, 'count': lyr.GetFeatureCount(),
                  'epsg': srs.GetAuthorityCode(None) if srs else None,
                  'geometryType': ogr.GeometryTypeToName(lyr.GetGeomType()), 'fields': fields, 'features': feats}))
`;

/** Writes `bytes` to a temp file named `file`; returns its path as OGR opens it (zips through /vsizip/). */
export function ogrSource(file: string, bytes: Uint8Array | string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'belcheer-vector-')), file);
  writeFileSync(path, bytes);
  return file.endsWith('.zip') ? `/vsizip/${path}` : path;
}

/** Writes `bytes` to a temp file named `file` and reads its first layer with OGR. */
export function ogrRead(file: string, bytes: Uint8Array | string, openOptions: string[] = []): OgrLayer {
  return JSON.parse(runOk(PYTHON, ['-c', SCRIPT, ogrSource(file, bytes), ...openOptions])) as OgrLayer;
}

/** The same read without blocking (while an in-process server answers). */
export async function ogrReadAsync(source: string, openOptions: string[] = []): Promise<OgrLayer> {
  const { stdout } = await promisify(execFile)(PYTHON, ['-c', SCRIPT, source, ...openOptions], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as OgrLayer;
}
