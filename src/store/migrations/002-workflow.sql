-- Users, sessions, evidence files and the audit trail (the assessment workflow).

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'appraiser', 'unitEditor', 'unitViewer')),
  unit_id text REFERENCES units(id),
  password_hash text NOT NULL,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((role IN ('unitEditor', 'unitViewer')) = (unit_id IS NOT NULL))
);

-- Only a hash of the session token is stored: a copy of the table opens no session.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Evidence files: the bytes live content-addressed (sha256) behind the evidence storage.
CREATE TABLE evidence (
  id bigserial PRIMARY KEY,
  cycle_id text NOT NULL,
  unit_id text NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  content_type text NOT NULL,
  size bigint NOT NULL,
  sha256 text NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (cycle_id, unit_id) REFERENCES unit_results(cycle_id, unit_id)
);
CREATE INDEX evidence_unit ON evidence (cycle_id, unit_id, code);

-- Append-only, hash-chained (see src/workflow/audit.ts); the trigger refuses edits and deletes.
CREATE TABLE audit_log (
  sequence bigint PRIMARY KEY,
  at text NOT NULL,
  actor_id text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  before jsonb,
  after jsonb,
  reason text,
  previous_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_subject ON audit_log (subject text_pattern_ops);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
