-- A second factor (TOTP, RFC 6238) per account (issue 21): the shared secret (base32), when it was
-- turned on, the last time step accepted (a code is never accepted twice), and the one-time
-- recovery codes' hashes.
ALTER TABLE users ADD COLUMN totp_secret text;
ALTER TABLE users ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE users ADD COLUMN totp_last_step bigint;
ALTER TABLE users ADD COLUMN recovery_codes jsonb NOT NULL DEFAULT '[]';

-- A login that passed its password and waits for its second factor (or for the account to set one
-- up, where the province requires it): a short-lived, single-use challenge, only its hash stored.
CREATE TABLE login_challenges (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id),
  purpose text NOT NULL CHECK (purpose IN ('verify', 'enroll')),
  pending_secret text,
  attempts integer NOT NULL DEFAULT 0,
  bearer boolean NOT NULL DEFAULT false,
  expires_at timestamptz NOT NULL
);
