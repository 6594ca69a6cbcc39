/**
 * A small drawing of one or two versions of a unit's geometry (before dashed grey, after filled),
 * on a shared frame, for the history timeline. Equirectangular, scaled by cos(latitude).
 */
import type { ReactNode } from 'react';
import type { MultiPolygon, Polygon, Position } from 'geojson';

type Areal = Polygon | MultiPolygon;

function rings(g: Areal): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

export function isAreal(value: unknown): value is Areal {
  if (typeof value !== 'object' || value === null || !('type' in value) || !('coordinates' in value))
    return false;
  return (value.type === 'Polygon' || value.type === 'MultiPolygon') && Array.isArray(value.coordinates);
}

const SIZE = 96;

export function GeometryThumb({ before, after }: { before: Areal | null; after: Areal | null }): ReactNode {
  const all = [...(before ? rings(before) : []), ...(after ? rings(after) : [])].flat();
  if (all.length === 0) return null;
  const xs = all.map((p) => p[0] ?? 0);
  const ys = all.map((p) => p[1] ?? 0);
  const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const scale = (SIZE - 8) / Math.max((e - w) * k, n - s, 1e-9);
  const path = (g: Areal): string =>
    rings(g)
      .map(
        (r) =>
          `M${r.map((p) => `${(4 + ((p[0] ?? 0) - w) * k * scale).toFixed(1)},${(4 + (n - (p[1] ?? 0)) * scale).toFixed(1)}`).join('L')}Z`,
      )
      .join('');
  return (
    <svg
      className="geometry-thumb"
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      width={SIZE}
      height={SIZE}
      aria-hidden="true"
    >
      {before && <path d={path(before)} fill="none" stroke="#8a8a8a" strokeDasharray="3 2" />}
      {after && <path d={path(after)} fill="#7cc47a" fillOpacity={0.5} stroke="#24543f" fillRule="evenodd" />}
    </svg>
  );
}
