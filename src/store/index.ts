/** Storage: one schema in PostgreSQL's dialect, two engines (PGlite embedded, PostgreSQL server). */
export { joined, type Database, type Engine, type Queryable } from './database.ts';
export { openDatabase, type DatabaseConfig } from './open.ts';
export { pgliteThreadFrom, SERVER_PGLITE_SETTINGS, type PgliteThread } from './pglite.ts';
export { warmWrites, warmWritesAtStart } from './warmPool.ts';
export { migrate, migrations, migrationStatus, schemaVersion } from './migrate.ts';
export { createStore, type Store } from './store.ts';
export { checkPreviewSummary, importDocuments, overlay, type ImportResult, type ValidatedResults } from './importDocuments.ts';
export type { PreviewSummary } from './importPlan.ts';
export { listScores, getScore, writeScore, type ScoreRecord, type ScorePatch, type ScoreWrite } from './scores.ts';
export {
  listPublications,
  publicationPreview,
  publicationProblems,
  publish,
  type PreviewRow,
  type PublicationRecord,
  type PublishRequest,
} from './publications.ts';
export { publishedScores } from './publishedScores.ts';
export { cycleIdOf } from './save.ts';
export { ConflictError, notFound } from './errors.ts';
export { appendAudit, appendWriteAudit, assessmentTrail, auditCount, auditPage, listAudit, verifyAudit, type Author } from './audit.ts';
export { sealQueued } from './auditQueue.ts';
export { anchorHead, anchorRestore, anchoring, auditSeal, auditSealPaths, openAuditSeal, readAnchors, useAuditSeal, type AuditSeal } from './auditSeal.ts';
export { assessmentOf, openCycle, transition, type Assessment, type TransitionCommand } from './assessments.ts';
export { addEvidence, listEvidence, readEvidence, removeEvidence, DEFAULT_EVIDENCE_LIMIT, type EvidenceRecord, type Upload } from './evidence.ts';
export { folderEvidenceFiles, type EvidenceFiles } from './evidenceFiles.ts';
export {
  createUser,
  updateUser,
  userChangeInput,
  listUsers,
  userById,
  login,
  logout,
  sessionOf,
  actorOf,
  newUserInput,
  newUserLookups,
  MAX_FAILED_LOGINS,
  type User,
  type NewUser,
  type UserChange,
  type Session,
  type SecondFactorNeeded,
  type LoginOptions,
} from './users.ts';
export { generatePassword } from './passwords.ts';
export { planRow, changePlan, type StoredPlan } from './plans.ts';
export { todayInVietnam } from './clock.ts';
export { cycleOrFail, cycleUnits, listCycles, unitCycles, type CycleSummary, type CycleUnit } from './cycles.ts';
export { unitVersions, type UnitRecord, type UnitWriteResult } from './unitWrites.ts';
export { addUnit, newUnitInput, newUnitLookups, type NewUnit } from './addUnit.ts';
export { updateUnit, unitChangeInput, type UnitChange } from './updateUnit.ts';
export { endUnit, endUnitInput, type EndUnit } from './endUnit.ts';
export { recordMerger, mergerInput, type Merger } from './recordMerger.ts';
export { runReminders, type Channel, type NotifySettings, type RunOptions, type RunResult } from './notifications.ts';
export { claimMail, listOutbox, markFailed, markSent, retryMail, MAX_ATTEMPTS, type Mail, type OutboxRow } from './mailOutbox.ts';
export { cycleDeadlines, setCycleDeadlines } from './deadlines.ts';
export {
  markRead,
  myNotifications,
  myNotifySettings,
  setMyNotifySettings,
  notifySettingsInput,
  type MyNotifySettings,
  type NotificationRecord,
} from './notify.ts';
export { completeLogin, enrollment, sealPlainSecrets, startEnrollment, type SecondFactorResult } from './secondFactor.ts';
export { deriveKey, useSecretKey } from './secretBox.ts';
export { identityLinkInput, identityLinks, linkIdentity, unlinkIdentity, type IdentityLink } from './identityLinks.ts';
export { auditOidcFailure, saveOidcStart, signInWithIdentity, stateRefused, takeOidcStart, type OidcStart } from './oidcLogins.ts';
export { unitsWithoutLineageAfter, unitLinks, type UnmappedUnit } from './lineage.ts';
