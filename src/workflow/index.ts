export * from './states.ts';
export * from './transition.ts';
export * from './policy.ts';
export * from './audit.ts';
