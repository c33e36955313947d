/** Improvement planning: recoverable points, what-if and targets, the action plan, tracking, the reporting calendar, rank robustness. */
export { recoverablePoints, byDepartment, type RecoverableItem, type RecoveryStep, type DepartmentGroup } from './recoverable.ts';
export { whatIf, applyChanges, type Change as WhatIfChange, type WhatIf } from './whatif.ts';
export { targetSearch, smallestCover, type Goal, type TargetPlan } from './target.ts';
export { planFile, taskFile, readPlan, parsePlan, planDocument, taskGroups, tasksOf, isOverdue, addTask, updateTask, TASK_STATUSES, type TaskPatch, type Plan, type PlanFile, type Task, type TaskStatus, type ReportDeadline, type TrackedIndicator } from './plan.ts';
export { calendarOf, type CalendarEntry, type ReportStatus } from './calendar.ts';
export { trackIndicators, type Track, type TrackPoint } from './tracking.ts';
export { suggestTasks, projectPlan, type Projection } from './suggest.ts';
export { rankRobustness, provinceRobustness, type RankDistribution, type RobustnessInput, type UnitRobustness } from './montecarlo.ts';
