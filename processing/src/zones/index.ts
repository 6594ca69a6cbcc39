export * from './breaks.ts';
export * from './classify.ts';
export * from './components.ts';
export * from './islands.ts';
export * from './polygonize.ts';
export * from './zone.stats.ts';
export * from './zone.features.ts';
export * from './zone.export.ts';
