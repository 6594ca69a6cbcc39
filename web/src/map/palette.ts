/**
 * Colours of the map layers, shared by the style and the legend so the two always agree.
 */
export const PALETTE = {
  /** Outside Mongolia: a cool grey, so the country reads as land. */
  background: '#d8e2e6',
  soumFill: '#f3f1e4',
  /** Light tints of the soum fill, one per aimag, neighbours differing (see aimag.tints.ts). */
  aimagTints: ['#f5efd9', '#e4edd3', '#f1e3d3', '#dde9e0', '#ece9cf'],
  soumFillHover: '#bcdc9c',
  soumLine: '#b3a88c',
  aimagLine: '#5b4f3e',
  aimagCasing: '#ffffff',
  selectedLine: '#24543f',
  labelAimag: '#3b3225',
  labelSoum: '#6a604f',
  labelHalo: 'rgba(255, 255, 255, 0.9)',
  /** Survey footprints and points by kind: warm for true colour, violet for multispectral. */
  surveyRgb: '#e0531f',
  surveyMultispectral: '#7d3fb2',
  surveyHalo: '#ffffff',
} as const;
