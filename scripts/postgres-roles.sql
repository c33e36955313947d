-- The server's least-privilege role on PostgreSQL (README, "Two roles on PostgreSQL").
-- Run as the owner role (the one that ran `parindex migrate`), connected to the database, with
-- the schema the tables are in first on the search path; again after each upgrade (it is
-- idempotent):
--   psql "postgres://parindex_owner@host/parindex" -f scripts/postgres-roles.sql
-- The server role is named parindex_server here; change the name on the line below if yours is
-- another. It may read and write the data, append to the audit trail and publications but never
-- change or remove their rows, and not TRUNCATE, ALTER, DROP or switch triggers off (only an
-- owner may). It keeps the bulk-load fast path through the owner's two functions (migration 008).
DO $$
DECLARE
  server text := 'parindex_server';
  s text := current_schema();
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s, server);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', s, server);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', s, server);
  -- Tables a later migration adds get the same (then run this again for the exceptions below).
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', s, server);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I', s, server);
  -- Append-only: the trail and the publications are read and appended to, nothing else.
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON %I.audit_log, %I.publications FROM %I', s, s, server);
  -- The migrations are the owner's; the bulk guard is written by the owner's functions only.
  EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON %I.schema_migrations FROM %I', s, server);
  EXECUTE format('REVOKE ALL ON %I.bulk_scores_guard FROM %I', s, server);
  EXECUTE format('GRANT EXECUTE ON FUNCTION %I.bulk_scores_unkey(), %I.bulk_scores_rekey() TO %I', s, s, server);
END
$$;
