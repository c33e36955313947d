/** Improvement planning: recoverable points, what-if and targets, the action plan, tracking, the reporting calendar, rank robustness. */
export { recoverablePoints, byDepartment, ruleLabel, type RecoverableItem, type RecoveryStep, type DepartmentGroup } from './recoverable.ts';
export { whatIf, applyChanges, unknownChangeCodes, type Change as WhatIfChange, type WhatIf } from './whatif.ts';
export { targetSearch, smallestCover, type Goal, type TargetPlan } from './target.ts';
export {
  planFile,
  planText,
  taskFile,
  reportFile,
  trackedValueFile,
  isoDate as calendarDate,
  readPlan,
  parsePlan,
  planDocument,
  taskGroups,
  tasksOf,
  isOverdue,
  addTask,
  updateTask,
  checkTaskCriteria,
  setTrackedValue,
  addReport,
  updateReport,
  TASK_STATUSES,
  TASK_STATUS_LABELS,
  REPORT_KINDS,
  REPORT_KIND_LABELS,
  type TaskPatch,
  type ReportPatch,
  type Plan,
  type PlanFile,
  type Task,
  type TaskStatus,
  type ReportDeadline,
  type TrackedIndicator,
} from './plan.ts';
export { calendarOf, REPORT_STATUS_LABELS, type CalendarEntry, type ReportStatus } from './calendar.ts';
export { trackIndicators, planFramework, pointsPrecision, checkTrackedValue, trackedCriterion, type Track, type TrackPoint } from './tracking.ts';
export { suggestTasks, projectPlan, type Projection } from './suggest.ts';
export {
  rankRobustness,
  provinceRobustness,
  ALL_PROBABILITIES_LIMIT,
  type RankDistribution,
  type RobustnessInput,
  type RobustnessOptions,
  type UnitRobustness,
} from './montecarlo.ts';
export { checkPlan, futurePlanDates, planProblemMessage, planProblems } from './check.ts';
export { carriedCodes, carryPlan, planSourceFramework } from './carry.ts';
export { diffPlans } from './diff.ts';
