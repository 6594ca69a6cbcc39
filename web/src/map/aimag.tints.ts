/**
 * A light tint per aimag for the soum fill, chosen so that neighbouring aimags differ: aimags that
 * share boundary vertices (the shipped boundaries are topologically clean, so shared borders share
 * vertices) are neighbours, and a greedy colouring in order of most neighbours first picks a tint
 * no neighbour has yet.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { AdminUnitCollection } from '../api/types.ts';

function vertexKeys(feature: AdminUnitCollection['features'][number]): Set<string> {
  const keys = new Set<string>();
  const polygons =
    feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const p of ring) keys.add(`${(p[0] ?? 0).toFixed(4)},${(p[1] ?? 0).toFixed(4)}`);
    }
  }
  return keys;
}

/** Aimag code → tint, neighbours differing where the palette allows. */
export function aimagTints(aimags: AdminUnitCollection, palette: readonly string[]): Map<string, string> {
  const codes = aimags.features.map((f) => f.properties.code);
  const vertices = aimags.features.map(vertexKeys);
  const neighbours = codes.map(() => new Set<number>());
  for (let i = 0; i < codes.length; i++) {
    for (let j = i + 1; j < codes.length; j++) {
      let shared = 0;
      const a = vertices[i];
      const b = vertices[j];
      if (!a || !b) continue;
      for (const key of a) {
        if (b.has(key) && ++shared >= 2) break;
      }
      if (shared >= 2) {
        neighbours[i]?.add(j);
        neighbours[j]?.add(i);
      }
    }
  }
  const order = codes
    .map((_, i) => i)
    .sort((a, b) => (neighbours[b]?.size ?? 0) - (neighbours[a]?.size ?? 0));
  const colourOf = new Map<number, number>();
  for (const i of order) {
    const taken = new Set([...(neighbours[i] ?? [])].map((j) => colourOf.get(j)));
    let colour = 0;
    while (taken.has(colour) && colour < palette.length - 1) colour++;
    colourOf.set(i, colour);
  }
  return new Map(codes.map((code, i) => [code, palette[colourOf.get(i) ?? 0] ?? palette[0] ?? '#ffffff']));
}

/** A fill-colour expression picking each soum's tint by its parent aimag. */
export function tintExpression(
  tints: Map<string, string>,
  fallback: string,
): ExpressionSpecification | string {
  const [first, ...rest] = [...tints];
  if (!first) return fallback;
  return ['match', ['get', 'parent_code'], first[0], first[1], ...rest.flat(), fallback];
}
