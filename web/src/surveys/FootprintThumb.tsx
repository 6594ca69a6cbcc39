/**
 * A survey's footprint drawn small (longitude scaled by cos(latitude), so the shape is the one on
 * the map), in its kind's colour; before the footprint is known, the kind's colour behind a drone.
 */
import type { ReactNode } from 'react';
import type { Survey } from '../api/survey.types.ts';
import { Icon } from '../components/Icon.tsx';
import { PALETTE } from '../map/palette.ts';

const SIZE = 64;
const PAD = 6;

export function footprintPath(
  survey: Pick<Survey, 'footprint' | 'bbox'>,
  size = SIZE,
  pad = PAD,
): string | null {
  if (!survey.footprint || !survey.bbox) return null;
  const [w, s, e, n] = survey.bbox;
  const kx = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const width = Math.max((e - w) * kx, 1e-12);
  const height = Math.max(n - s, 1e-12);
  const scale = (size - 2 * pad) / Math.max(width, height);
  const ox = (size - width * scale) / 2;
  const oy = (size - height * scale) / 2;
  const parts: string[] = [];
  for (const polygon of survey.footprint.coordinates) {
    for (const ring of polygon) {
      const points = ring.map(
        (p) =>
          `${(ox + ((p[0] ?? 0) - w) * kx * scale).toFixed(1)} ${(oy + (n - (p[1] ?? 0)) * scale).toFixed(1)}`,
      );
      if (points.length > 2) parts.push(`M${points.join('L')}Z`);
    }
  }
  return parts.join('');
}

export function FootprintThumb({ survey }: { survey: Survey }): ReactNode {
  const colour = survey.kind === 'multispectral' ? PALETTE.surveyMultispectral : PALETTE.surveyRgb;
  const path = footprintPath(survey);
  return (
    <div className="thumb" style={{ color: colour }} aria-hidden="true">
      {path ? (
        <svg viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE}>
          <path
            d={path}
            fill={colour}
            fillOpacity="0.25"
            stroke={colour}
            strokeWidth="1.8"
            strokeLinejoin="round"
            fillRule="evenodd"
          />
        </svg>
      ) : (
        <Icon name="drone" size={30} strokeWidth={1.6} />
      )}
    </div>
  );
}
