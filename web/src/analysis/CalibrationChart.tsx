/**
 * The biomass calibration of a survey: the plots as points (index at the plot against clipped
 * biomass, kg DM/ha), the chosen model's line or curve across the index axis, and n, R², RMSE and
 * leave-one-out RMSE under it; "uncalibrated (fewer than N plots)" when there are too few plots
 * (DOMAIN §4), with whatever plots there are still drawn.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { tickDigits } from '../layers/legend.scale.ts';
import { productLabel } from '../layers/product.names.ts';
import type { Calibration } from './analysis.api.ts';
import { modelCurve, niceAxis, scale } from './scatter.scale.ts';

const WIDTH = 244;
const HEIGHT = 150;
const LEFT = 34;
const BOTTOM = 26;
const TOP = 6;
const RIGHT = 6;

function Scatter({ calibration }: { calibration: Calibration }): ReactNode {
  const { t, formatNumber } = useI18n();
  const points = calibration.points.flatMap((p) => (p.index === null ? [] : [{ ...p, index: p.index }]));
  if (points.length === 0) return null;
  const xs = points.map((p) => p.index);
  const ys = points.map((p) => p.biomassKgHa);
  const x = niceAxis(Math.min(...xs), Math.max(...xs), 4);
  const y = niceAxis(0, Math.max(...ys), 4);
  const px = (v: number): number => scale(v, x, LEFT, WIDTH - RIGHT);
  const py = (v: number): number => scale(v, y, HEIGHT - BOTTOM, TOP);
  const xDigits = tickDigits([x.min, x.max]);
  const curve = calibration.model ? modelCurve(calibration.model, x.min, x.max) : [];
  const index = productLabel(calibration.index ?? '', t);
  return (
    <svg
      className="analysis__chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={t('analysis.calib.title')}
      data-testid="calibration-chart"
    >
      <defs>
        <clipPath id="calibration-plot">
          <rect x={LEFT} y={TOP} width={WIDTH - LEFT - RIGHT} height={HEIGHT - TOP - BOTTOM} />
        </clipPath>
      </defs>
      {y.ticks.map((v) => (
        <g key={`y${v}`}>
          <line
            x1={LEFT}
            x2={WIDTH - RIGHT}
            y1={py(v)}
            y2={py(v)}
            stroke="currentColor"
            strokeOpacity={0.12}
          />
          <text x={LEFT - 4} y={py(v) + 3} textAnchor="end">
            {formatNumber(v)}
          </text>
        </g>
      ))}
      {x.ticks.map((v) => (
        <text key={`x${v}`} x={px(v)} y={HEIGHT - BOTTOM + 11} textAnchor="middle">
          {formatNumber(v, xDigits)}
        </text>
      ))}
      <text x={(LEFT + WIDTH - RIGHT) / 2} y={HEIGHT - 2} textAnchor="middle">
        {t('analysis.calib.x', { index })}
      </text>
      {curve.length > 0 && (
        <polyline
          points={curve.map(([a, b]) => `${px(a)},${py(b)}`).join(' ')}
          fill="none"
          stroke="#2d6a4f"
          strokeWidth={2}
          clipPath="url(#calibration-plot)"
          data-testid="calibration-fit"
        />
      )}
      {points.map((p) => (
        <circle
          key={p.plot}
          cx={px(p.index)}
          cy={py(p.biomassKgHa)}
          r={3.5}
          fill="#e0531f"
          stroke="#fff"
          strokeWidth={1}
        >
          <title>
            {t('analysis.calib.point', {
              plot: p.plot,
              index: formatNumber(p.index, xDigits + 1),
              biomass: formatNumber(p.biomassKgHa),
            })}
          </title>
        </circle>
      ))}
    </svg>
  );
}

export function CalibrationChart({ calibration }: { calibration: Calibration | null }): ReactNode {
  const { t, formatNumber } = useI18n();
  const fit = (v: number | null, digits: number): string => (v === null ? '—' : formatNumber(v, digits));
  return (
    <section className="analysis__calibration" data-testid="calibration">
      <p className="analysis__chart-title">{t('analysis.calib.title')}</p>
      {!calibration && <p className="analysis__help">{t('analysis.calib.none')}</p>}
      {calibration && !calibration.calibrated && (
        <p className="analysis__help" data-testid="calibration-uncalibrated">
          {t('analysis.calib.uncalibrated', { min: calibration.minPlots, n: calibration.n })}
        </p>
      )}
      {calibration && <Scatter calibration={calibration} />}
      {calibration?.calibrated && calibration.model && (
        <div className="analysis__fit" data-testid="calibration-fit-stats">
          <strong>
            {t(calibration.model.kind === 'linear' ? 'analysis.calib.linear' : 'analysis.calib.exponential')}
          </strong>
          <span>n = {calibration.n}</span>
          <span>R² = {fit(calibration.r2, 2)}</span>
          <span>
            RMSE = {fit(calibration.rmse, 0)} {t('analysis.unit.kgHa')}
          </span>
          <span>
            LOO RMSE = {fit(calibration.looRmse, 0)} {t('analysis.unit.kgHa')}
          </span>
        </div>
      )}
    </section>
  );
}
