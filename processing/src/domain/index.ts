export * from './units.ts';
export * from './livestock.ts';
export * from './forage.ts';
export * from './seasons.ts';
export * from './recovery.ts';
export * from './utilisation.ts';
export * from './cover.ts';
