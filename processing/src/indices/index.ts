export * from './index.definitions.ts';
export * from './index.kernel.ts';
export * from './index.reader.ts';
export * from './index.overview.ts';
