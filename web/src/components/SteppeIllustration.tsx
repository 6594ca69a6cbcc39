/**
 * Decorative steppe landscape for the sign-in page: layered hills, a sun, a ger and a few sheep.
 */
import type { ReactNode } from 'react';

export function SteppeIllustration(): ReactNode {
  return (
    <svg
      className="steppe"
      viewBox="0 0 800 600"
      preserveAspectRatio="xMidYMid slice"
      aria-hidden="true"
      focusable="false"
    >
      <defs>
        <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#8fc3e8" />
          <stop offset="0.7" stopColor="#d9ecf2" />
          <stop offset="1" stopColor="#f4efd9" />
        </linearGradient>
      </defs>
      <rect width="800" height="600" fill="url(#sky)" />
      <circle cx="610" cy="150" r="58" fill="#f7d774" opacity="0.9" />
      <path d="M0 330 C120 270 220 300 320 280 S520 230 620 270 S760 300 800 285 V600 H0Z" fill="#b9cfa0" />
      <path d="M0 390 C140 340 260 370 380 350 S600 320 800 360 V600 H0Z" fill="#97bd7d" />
      <path d="M0 460 C160 420 300 450 440 430 S660 410 800 440 V600 H0Z" fill="#76a765" />
      <path d="M0 530 C200 500 360 520 520 505 S720 495 800 510 V600 H0Z" fill="#5a8f53" />
      <g transform="translate(470 388)">
        <path d="M0 30 V14 Q30 -6 60 14 V30 Z" fill="#fbfaf4" stroke="#c9c2a8" strokeWidth="1.5" />
        <path d="M22 30 V18 H38 V30" fill="#d0613a" />
        <path d="M27 -2 Q30 -6 33 -2 L32 6 H28Z" fill="#c9c2a8" />
      </g>
      <g fill="#fbfaf4" stroke="#8d8470" strokeWidth="1">
        <ellipse cx="300" cy="470" rx="11" ry="7" />
        <ellipse cx="330" cy="478" rx="11" ry="7" />
        <ellipse cx="352" cy="466" rx="10" ry="6.5" />
        <ellipse cx="272" cy="482" rx="10" ry="6.5" />
      </g>
    </svg>
  );
}
