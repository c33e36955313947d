/** Storage: one schema in PostgreSQL's dialect, two engines (PGlite embedded, PostgreSQL server). */
export type { Database, Engine, Queryable } from './database.ts';
export { openDatabase, type DatabaseConfig } from './open.ts';
export { migrate, migrations, schemaVersion } from './migrate.ts';
export { createStore, type Store } from './store.ts';
export { importDocuments, overlay, type ImportResult } from './importDocuments.ts';
export { listScores, getScore, writeScore, type ScoreRecord, type ScorePatch, type ScoreWrite } from './scores.ts';
export { listPublications, publish, type PublicationRecord, type PublishRequest } from './publications.ts';
export { cycleIdOf } from './save.ts';
export { ConflictError, notFound } from './errors.ts';
