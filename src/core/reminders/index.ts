export * from './deadlines.ts';
export * from './due.ts';
