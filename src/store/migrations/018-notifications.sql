-- Reminders and notices (issue 21). A cycle's dates, set by the province:
-- {"selfAssessmentDue": "2026-01-15", "appraisalDue": …, "recheckUntil": …, "publication": …}.
ALTER TABLE cycles ADD COLUMN deadlines jsonb NOT NULL DEFAULT '{}';

-- Where and how a person is told: an e-mail address, per kind of notice the channel
-- ({"reportDue": "email"}; "inApp" by default, "both", "none") and a daily digest instead of
-- one e-mail per notice.
ALTER TABLE users ADD COLUMN email text;
ALTER TABLE users ADD COLUMN notify jsonb NOT NULL DEFAULT '{}';

-- One row per person and notice: the key names the notice once and for all (the stage, the date
-- it is about, the unit, the audit entry), so that no scheduler run — on any server, after any
-- restart — stores it twice.
CREATE TABLE notifications (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id),
  key text NOT NULL,
  kind text NOT NULL,
  message jsonb NOT NULL,
  link text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  UNIQUE (user_id, key)
);
CREATE INDEX notifications_unread ON notifications (user_id, created_at DESC) WHERE read_at IS NULL;

-- E-mails to send: one per notice (or one digest per person and day), sent once, retried with a
-- growing delay, failures kept for the administrator to see.
CREATE TABLE mail_outbox (
  id bigserial PRIMARY KEY,
  key text NOT NULL UNIQUE,
  user_id bigint NOT NULL REFERENCES users(id),
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending';

-- What the scheduler has read of the audit trail (the last sequence turned into notices).
CREATE TABLE scheduler_state (
  name text PRIMARY KEY,
  value text NOT NULL
);
