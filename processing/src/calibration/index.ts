export * from './least.squares.ts';
export * from './calibrate.ts';
