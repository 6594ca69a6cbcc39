/**
 * The histogram of the drawn area as an SVG: one bar per bin in the product's legend colours (the
 * colour at the bin's centre), a dashed line at the mean, the range's ends and middle under the
 * axis, each bar's range and count as its tooltip, and how many pixels lie beyond the range.
 */
import type { ReactNode } from 'react';
import type { LegendStop } from '../api/survey.products.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { tickDigits } from '../layers/legend.scale.ts';
import { PALETTE } from '../map/palette.ts';
import { histogramBars } from './histogram.bars.ts';
import { colourOnRamp } from './ramp.colour.ts';
import type { Histogram } from './statistics.api.ts';

const WIDTH = 244;
const HEIGHT = 72;
const AXIS = 14;

export interface HistogramChartProps {
  readonly histogram: Histogram;
  readonly mean: number | null;
  /** Valid pixels in the area; those beyond the histogram's range are said in a line under it. */
  readonly count: number;
  /** The product legend's stops, or none while it loads. */
  readonly stops: readonly LegendStop[];
}

export function HistogramChart({ histogram, mean, count, stops }: HistogramChartProps): ReactNode {
  const { t, formatNumber } = useI18n();
  const digits = tickDigits([histogram.min, histogram.max]);
  const bars = histogramBars(histogram, WIDTH, HEIGHT);
  const span = histogram.max - histogram.min;
  const meanX =
    mean !== null && span > 0 && mean >= histogram.min && mean <= histogram.max
      ? ((mean - histogram.min) / span) * WIDTH
      : null;
  const outside = count - histogram.counts.reduce((a, b) => a + b, 0);
  return (
    <>
      <svg
        className="analysis__chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`}
        role="img"
        aria-label={t('analysis.stats.histogram')}
        data-testid="stats-histogram"
      >
        {bars.map((b) => (
          <rect
            key={b.x}
            x={b.x}
            y={b.y}
            width={b.width}
            height={b.height}
            fill={colourOnRamp(stops, b.mid) ?? PALETTE.surveyRgb}
            stroke="rgb(0 0 0 / 18%)"
            strokeWidth={b.height > 0 ? 0.5 : 0}
            data-testid="stats-bar"
            data-count={b.count}
          >
            <title>
              {t('analysis.stats.bar', {
                from: formatNumber(b.from, digits + 1),
                to: formatNumber(b.to, digits + 1),
                count: formatNumber(b.count),
              })}
            </title>
          </rect>
        ))}
        <line
          x1={0}
          x2={WIDTH}
          y1={HEIGHT + 0.5}
          y2={HEIGHT + 0.5}
          stroke="currentColor"
          strokeOpacity={0.4}
        />
        {meanX !== null && (
          <line
            x1={meanX}
            x2={meanX}
            y1={0}
            y2={HEIGHT}
            stroke="#1e2a23"
            strokeWidth={1}
            strokeDasharray="3 2"
          />
        )}
        <text x={0} y={HEIGHT + AXIS - 2} textAnchor="start">
          {formatNumber(histogram.min, digits)}
        </text>
        <text x={WIDTH / 2} y={HEIGHT + AXIS - 2} textAnchor="middle">
          {formatNumber((histogram.min + histogram.max) / 2, digits)}
        </text>
        <text x={WIDTH} y={HEIGHT + AXIS - 2} textAnchor="end">
          {formatNumber(histogram.max, digits)}
        </text>
      </svg>
      {outside > 0 && (
        <p className="analysis__help" data-testid="stats-outside" data-outside={outside}>
          {t('analysis.stats.outside', {
            count: formatNumber(outside),
            min: formatNumber(histogram.min, digits),
            max: formatNumber(histogram.max, digits),
          })}
        </p>
      )}
    </>
  );
}
