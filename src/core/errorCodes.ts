/**
 * Every error code the platform raises, with the HTTP status an adapter answers it with: one
 * table instead of a convention held in the codes' spelling. `issue()` takes only a registered
 * code (a type error otherwise); `src/core/errorCodes.test.ts` also finds every code written in
 * src/ and fails on one missing here. Codes are `area.problem`; the status is the server's
 * concern but lives here so that a code and its meaning are declared once.
 */

/** The statuses an error can have: 401 not logged in, 403 not allowed, 404 not found, 409 conflict with the current state, 413 too large, 415 wrong file type, 422 invalid input, 429 too many attempts, 503 busy. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

export const ERROR_CODES = {
  'analysis.noResults': 422,

  'audit.keyInvalid': 422,
  'audit.keyMissing': 422,

  'auth.forbidden': 403,
  'auth.forbidden.csrf': 403,
  'auth.invalidLogin': 401,
  'auth.invalidToken': 401,
  'auth.rateLimited': 429,
  'auth.required': 401,

  'backup.empty': 422,
  'backup.toolFailed': 422,
  'backup.toolMissing': 422,

  'check.notFound': 404,

  'cli.robustness.option': 422,
  'cli.whatif.set': 422,
  'cli.whatif.target': 422,
  'cli.year': 422,

  'config.logLevel': 422,
  'config.port': 422,
  'config.size': 422,
  'config.trustProxy': 422,
  'config.workers': 422,

  'csv.binary': 422,
  'csv.syntax': 422,

  'cycle.exists': 422,
  'cycle.frameworkYear': 422,
  'cycle.noUnits': 422,
  'cycle.unitLeftOut': 422,
  'cycle.unitPartYear': 422,
  'cycle.unknownFramework': 422,

  'dataset.duplicateFramework': 422,
  'dataset.duplicateGroup': 422,
  'dataset.duplicatePlan': 422,
  'dataset.duplicateResult': 422,
  'dataset.duplicateUnit': 422,
  'dataset.unknownUnit': 422,

  'document.aliases': 422,
  'document.kind': 422,
  'document.syntax': 422,

  'evidence.empty': 422,
  'evidence.tooLarge': 413,
  'evidence.type': 415,
  'evidence.unknownCriterion': 422,

  'export.frameworkNotFound': 422,
  'export.frameworkRequired': 422,
  'export.noGroup': 422,
  'export.noPlan': 422,
  'export.noResults': 422,
  'export.noTable': 422,
  'export.planTarget': 422,
  'export.provinceNotFound': 422,
  'export.severalSets': 422,
  'export.unitNotFound': 422,
  'export.yearRequired': 422,

  'framework.bandAboveTotal': 422,
  'framework.capMissing': 422,
  'framework.codeNesting': 422,
  'framework.componentMax': 422,
  'framework.duplicateCode': 422,
  'framework.inUse': 409,
  'framework.maxPointsSum': 422,
  'framework.mixedLeaf': 422,
  'framework.negative': 422,
  'framework.pointsEach': 422,
  'framework.pointsPerLate': 422,
  'framework.rescaleNeedsSplit': 422,
  'framework.ruleAboveMax': 422,
  'framework.ruleOnParent': 422,
  'framework.ruleWithoutMax': 422,
  'framework.shareRange': 422,
  'framework.sourceConflict': 422,
  'framework.sourceMissing': 422,
  'framework.split': 422,
  'framework.splitTree': 422,
  'framework.targetRange': 422,
  'framework.totalPoints': 422,

  'group.notFound': 404,

  'import.band': 422,
  'import.cellProblem': 422,
  'import.choice': 422,
  'import.code': 422,
  'import.codeMissing': 422,
  'import.columnMissing': 422,
  'import.decimalMark': 422,
  'import.duplicateCode': 422,
  'import.duplicateColumn': 422,
  'import.duplicateGroup': 422,
  'import.duplicateRow': 422,
  'import.duplicateUnit': 422,
  'import.empty': 422,
  'import.emptyFile': 422,
  'import.fileMissing': 422,
  'import.frameworkNotFound': 422,
  'import.frameworkUnknown': 422,
  'import.groupId': 422,
  'import.groupName': 422,
  'import.headerMissing': 422,
  'import.infoMissing': 422,
  'import.kindMismatch': 422,
  'import.level': 422,
  'import.maxMismatch': 422,
  'import.notABoolean': 422,
  'import.notADate': 422,
  'import.notADocument': 422,
  'import.notANumber': 422,
  'import.notAnInteger': 422,
  'import.notApplicableReason': 422,
  'import.notSurvey': 422,
  'import.orphanDocument': 422,
  'import.pairs': 422,
  'import.parentMissing': 422,
  'import.percentInPoints': 422,
  'import.period': 422,
  'import.planTarget': 422,
  'import.periodMissing': 422,
  'import.periodYear': 422,
  'import.planColumn': 422,
  'import.planDepartment': 422,
  'import.planHeader': 422,
  'import.planItems': 422,
  'import.planStatus': 422,
  'import.reportDue': 422,
  'import.reportKind': 422,
  'import.reportName': 422,
  'import.required': 422,
  'import.ruleParameter': 422,
  'import.sheetMissing': 422,
  'import.tooLarge': 413,
  'import.tooManyCells': 422,
  'import.unitId': 422,
  'import.unitAmbiguous': 422,
  'import.unitLevel': 422,
  'import.unitMissing': 422,
  'import.unitName': 422,
  'import.unitNotFound': 422,
  'import.unitProvince': 422,
  'import.unknownCriterion': 422,
  'import.unknownGroup': 422,

  'indicator.invalid': 422,
  'indicator.manual': 422,
  'indicator.missing': 422,
  'indicator.noRule': 422,
  'indicator.unknownCriterion': 422,

  'job.refused': 422,

  'limits.runs': 422,

  'plan.duplicatePeriod': 422,
  'plan.duplicateReport': 422,
  'plan.duplicateTask': 422,
  'plan.duplicateTracking': 422,
  'plan.futureDate': 422,
  'plan.noFramework': 422,
  'plan.period.notFound': 404,
  'plan.periodYear': 422,
  'plan.report.notFound': 404,
  'plan.task.notFound': 404,
  'plan.unknownCriterion': 422,

  'points.notANumber': 422,
  'points.outOfRange': 422,
  'points.tooManyDecimals': 422,

  'printed.invalid': 422,

  'province.ambiguous': 422,
  'province.nationalFrameworks': 422,
  'province.noResults': 422,

  'publication.duplicateDecision': 422,
  'publication.excludedTwice': 422,
  'publication.excludedUnknown': 422,
  'publication.exclusionReason': 422,
  'publication.notReady': 409,
  'publication.reasonRequired': 422,
  'publication.unknownTotal': 422,

  'rank.componentNotFound': 422,
  'rank.noResults': 422,

  'report.claimTarget': 422,
  'report.noUnits': 422,
  'report.pdfConverter': 422,

  'restore.format': 422,
  'restore.notEmpty': 422,
  'restore.unreadable': 422,

  'results.aboveMax': 422,
  'results.deductionAboveMax': 422,
  'results.deductionPositive': 422,
  'results.duplicateUnit': 422,
  'results.framework': 422,
  'results.frameworkNotFound': 422,
  'results.negative': 422,
  'results.notApplicableNoMax': 422,
  'results.notApplicableTwice': 422,
  'results.partAboveTotal': 422,
  'results.rankAboveOf': 422,
  'results.scoreEmpty': 422,
  'results.scoreNotApplicable': 422,
  'results.splitIncomplete': 422,
  'results.splitSource': 422,
  'results.splitSum': 422,
  'results.unknownCriterion': 422,
  'results.unsentWithoutDate': 422,
  'results.year': 422,

  'robustness.notFound': 404,
  'robustness.tooLarge': 422,
  'robustness.unitNotRanked': 422,

  'score.aboveParent': 422,
  'score.correctionReason': 422,
  'score.emptyPatch': 422,
  'score.notApplicable': 422,
  'score.notApplicableAlone': 422,
  'score.notApplicableReason': 422,
  'score.outOfRange': 422,
  'score.surveySourced': 422,
  'score.unknownCriterion': 422,

  'store.conflict': 409,
  'store.immutable': 409,
  'store.locked': 503,
  'store.notFound': 404,
  'store.stale': 409,

  'target.goal': 422,
  'target.points': 422,
  'target.rank': 422,

  'tracking.noRule': 422,
  'tracking.unknownCriterion': 422,

  'unit.ambiguous': 422,
  'unit.duplicate': 422,
  'unit.notFound': 404,
  'unit.province': 422,
  'unit.required': 422,

  'units.duplicate': 422,
  'units.duplicateGroup': 422,
  'units.lineageDates': 422,
  'units.lineageGap': 422,
  'units.lineageOneSided': 422,
  'units.lineageOverlap': 422,
  'units.lineageSelf': 422,
  'units.mergerProvinces': 422,
  'units.noChange': 422,
  'units.provinceRequired': 422,
  'units.unknownGroup': 422,
  'units.unknownReference': 422,
  'units.validity': 422,

  'user.duplicate': 422,
  'user.self': 422,
  'user.unit': 422,
  'user.unknownUnit': 422,

  'whatif.noResults': 422,
  'whatif.noRule': 422,
  'whatif.scoreRange': 422,
  'whatif.unknownCriterion': 422,

  'workflow.criterionMissing': 422,
  'workflow.deductionReasonRequired': 422,
  'workflow.evidenceRequired': 422,
  'workflow.illegalTransition': 409,
  'workflow.publishByDecision': 409,
  'workflow.reasonRequired': 422,

  'xlsx.encrypted': 422,
  'xlsx.inconsistent': 422,
  'xlsx.legacyFormat': 422,
  'xlsx.noSheet': 422,
  'xlsx.notZip': 422,
  'xlsx.openDocument': 422,
  'xlsx.timeout': 422,
  'xlsx.tooManyEntries': 422,
  'xlsx.unreadable': 422,
  'xlsx.zipBomb': 422,
} as const satisfies Record<string, ErrorStatus>;

/** A registered code, a zod finding (`schema.too_small`: core/validation.ts) or an HTTP one (`http.404`). */
export type ErrorCode = keyof typeof ERROR_CODES | `schema.${string}` | `http.${number}`;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code) || /^schema\.\w+$/.test(code) || /^http\.\d{3}$/.test(code);
}

/** The HTTP status of a code: its registered one; an `http.NNN` code's own; 422 (invalid input) otherwise. */
export function statusOfCode(code: string): ErrorStatus {
  if (Object.hasOwn(ERROR_CODES, code)) return ERROR_CODES[code as keyof typeof ERROR_CODES];
  const http = /^http\.(\d{3})$/.exec(code);
  if (http) return Number(http[1]) as ErrorStatus;
  return 422;
}
