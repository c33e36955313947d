-- The audit trail made to hold against the database role (see src/store/auditSeal.ts):
-- entries hashed with a key the server holds outside the database say so (`keyed`; older
-- entries keep their plain SHA-256); TRUNCATE, which row triggers do not see, is refused too;
-- every publication keeps the trail's head at its decision, printed with the published results.
ALTER TABLE audit_log ADD COLUMN keyed boolean NOT NULL DEFAULT false;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
ALTER TABLE publications ADD COLUMN audit_sequence bigint, ADD COLUMN audit_hash text;
CREATE TRIGGER publications_no_truncate BEFORE TRUNCATE ON publications
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
