/** Storage: one schema in PostgreSQL's dialect, two engines (PGlite embedded, PostgreSQL server). */
export { joined, type Database, type Engine, type Queryable } from './database.ts';
export { openDatabase, type DatabaseConfig } from './open.ts';
export { migrate, migrations, schemaVersion } from './migrate.ts';
export { createStore, type Store } from './store.ts';
export { importDocuments, overlay, type ImportResult, type ValidatedResults } from './importDocuments.ts';
export { listScores, getScore, writeScore, type ScoreRecord, type ScorePatch, type ScoreWrite } from './scores.ts';
export { listPublications, publish, type PublicationRecord, type PublishRequest } from './publications.ts';
export { publishedScores } from './publishedScores.ts';
export { cycleIdOf } from './save.ts';
export { ConflictError, notFound } from './errors.ts';
export { appendAudit, assessmentTrail, listAudit, verifyAudit, type Author } from './audit.ts';
export { assessmentOf, openCycle, transition, type Assessment, type TransitionCommand } from './assessments.ts';
export { addEvidence, listEvidence, readEvidence, removeEvidence, DEFAULT_EVIDENCE_LIMIT, type EvidenceRecord, type Upload } from './evidence.ts';
export { folderEvidenceFiles, type EvidenceFiles } from './evidenceFiles.ts';
export { createUser, updateUser, userChangeInput, listUsers, login, logout, sessionOf, actorOf, newUserInput, MAX_FAILED_LOGINS, type User, type NewUser, type UserChange, type Session } from './users.ts';
export { generatePassword } from './passwords.ts';
export { planRow, changePlan, type StoredPlan } from './plans.ts';
export { todayInVietnam } from './clock.ts';
