export * from './breaks.ts';
export * from './classify.ts';
export * from './components.ts';
export * from './islands.ts';
export * from './polygonize.ts';
