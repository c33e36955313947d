/**
 * The PAR Index domain core: pure functions over data, no I/O, no clock.
 * Everything else (storage, HTTP, CLI, reports, web) calls this surface.
 */
export * from './errors.ts';
export * from './decimal.ts';
export * from './points.ts';
export * from './fraction.ts';
export * from './format.ts';
export * from './text.ts';
export * from './printed.ts';
export { parseDocument, documentKind } from './document.ts';
export * from './framework/index.ts';
export * from './results/index.ts';
export * from './rules.ts';
export * from './units.ts';
export * from './lineage.ts';
export * from './unitReport.ts';
export * from './dataset.ts';
export * from './changes.ts';
export * from './changeWords.ts';
export { compile, type CompiledFramework } from './compute/compile.ts';
export {
  scoreMatrix,
  scoreUnit,
  scoreOf,
  originOf,
  applicableMaxOf,
  isNotApplicable,
  recompute,
  unitScoresOf,
  type ScoreMatrix,
  type UnitScores,
  type ScoreConflict,
  type Origin,
  type ScoreOptions,
} from './compute/score.ts';
export { rankValues, rankedCount, rankFractions } from './compute/rank.ts';
export { bandOf, classifyScores } from './compute/bands.ts';
export { computeYear, rankGroup, rankOf, peersOf, type YearComputation, type PeerRanking, type RankInfo } from './compute/year.ts';
export { componentDeltas, deltaPercentagePoints, type DeltaMatrix } from './compute/delta.ts';
export * from './analysis/index.ts';
export { evaluateIndicator } from './evaluate.ts';
export * from './planning/index.ts';
export * from './reminders/index.ts';
