/**
 * Well-Known Text → GeoJSON geometry: POINT, LINESTRING, POLYGON, their MULTI forms (MULTIPOINT with
 * or without inner parentheses), an optional `SRID=n;` prefix and Z/M/ZM tags (extra ordinates are
 * dropped); EMPTY gives empty coordinates. A syntax error names its character offset.
 * Reference: OGC 06-103r4 §7 (WKT); PostGIS EWKT.
 */
import type { Geometry, Position } from 'geojson';
import { ValidationError } from '@belcheer/processing';

type Nested = number[] | Nested[];

const TYPES = new Map<string, Geometry['type']>([
  ['POINT', 'Point'],
  ['LINESTRING', 'LineString'],
  ['POLYGON', 'Polygon'],
  ['MULTIPOINT', 'MultiPoint'],
  ['MULTILINESTRING', 'MultiLineString'],
  ['MULTIPOLYGON', 'MultiPolygon'],
]);

function fail(text: string, at: number, what: string): never {
  throw new ValidationError(
    `WKT: ${what} at character ${at + 1} of "${text.slice(0, 60)}"`,
    undefined,
    'invalid_wkt',
  );
}

/** `(1 2, 3 4)` or `((...), (...))` from `at`: the nested numbers and the offset after the `)`. */
function list(text: string, at: number): [Nested, number] {
  if (text[at] !== '(') fail(text, at, 'expected "("');
  const items: Nested[] = [];
  let i = at + 1;
  for (;;) {
    while (text[i] === ' ') i++;
    if (text[i] === '(') {
      const [inner, next] = list(text, i);
      items.push(inner);
      i = next;
    } else {
      const m = /^[-+0-9.eE]+(?: +[-+0-9.eE]+)*/.exec(text.slice(i));
      if (!m) fail(text, i, 'expected a number');
      const nums = m[0].split(/ +/).map(Number);
      if (nums.some((n) => !Number.isFinite(n))) fail(text, i, 'not a number');
      items.push(nums.slice(0, 2));
      i += m[0].length;
    }
    while (text[i] === ' ') i++;
    if (text[i] === ')') return [items as Nested, i + 1];
    if (text[i] !== ',') fail(text, i, 'expected "," or ")"');
    i++;
  }
}

export function readWkt(input: string): Geometry {
  const text = input
    .replace(/^\s*SRID=\d+;/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  const m = /^([A-Za-z]+)(?: ?(?:ZM|Z|M))? ?/.exec(text);
  const type = TYPES.get(m?.[1]?.toUpperCase() ?? '');
  if (!m || !type) fail(text, 0, 'expected a geometry type such as POLYGON');
  const rest = text.slice(m[0].length);
  if (/^EMPTY$/i.test(rest)) return { type, coordinates: [] } as Geometry;
  const [nested, end] = list(text, m[0].length);
  if (end !== text.length) fail(text, end, 'unexpected text after the geometry');
  if (type === 'Point') {
    const p = nested[0];
    if (!Array.isArray(p) || typeof p[0] !== 'number') fail(text, 0, 'a POINT needs one position');
    return { type, coordinates: p as Position };
  }
  if (type === 'MultiPoint')
    return {
      type,
      coordinates: (nested as Nested[]).map((p) => (typeof p[0] === 'number' ? p : p[0])) as Position[],
    };
  return { type, coordinates: nested } as Geometry;
}
