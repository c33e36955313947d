-- OpenID Connect sign-in (issue 21). An identity at a provider (its issuer and the value of the
-- claim the province chose, e.g. `sub` or `email`) opens one local account: linked by an
-- administrator, never created by the provider (who holds which role stays the province's).
CREATE TABLE identity_links (
  id bigserial PRIMARY KEY,
  issuer text NOT NULL,
  subject text NOT NULL,
  user_id bigint NOT NULL REFERENCES users(id),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (issuer, subject)
);
CREATE INDEX identity_links_user ON identity_links (user_id);

-- A sign-in sent to the provider and not yet back: its state (only the hash stored; taken once on
-- return, so a replayed state finds nothing), the nonce the ID token must carry and the PKCE
-- verifier (sealed with the server's key), valid 10 minutes.
CREATE TABLE oidc_logins (
  state_hash text PRIMARY KEY,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  expires_at timestamptz NOT NULL
);

-- TOTP secrets (migration 019) are encrypted from now on with a key outside the database
-- (store/secretBox.ts); SQL cannot do that without the key, so the server seals any plaintext
-- secret at start (sealPlainSecrets) and on first read.
