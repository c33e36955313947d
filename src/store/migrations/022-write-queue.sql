-- Writes that do not queue behind each other on PostgreSQL (issue 16): a score write no longer
-- chains its audit entry, nor bumps the revision, inside its own transaction (both held a lock
-- to its commit, so twenty writers committed one after another). It queues them here instead,
-- with no lock; after its commit a sealer (src/store/auditQueue.ts, batched for every writer
-- that committed meanwhile) chains the queued entries onto audit_log under the chain's lock and
-- turns the queued changes into revisions (revision_changes), in one short transaction.
-- An entry carries the HMAC of its content with the server's key (`mac`, null without a key):
-- the sealer chains only entries whose MAC holds, so a row inserted here by hand is not signed.
CREATE TABLE audit_queue (
  id bigserial PRIMARY KEY,
  at text NOT NULL,
  actor_id text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  before jsonb,
  after jsonb,
  reason text,
  mac text
);
CREATE TABLE revision_queue (
  id bigserial PRIMARY KEY,
  cycle_id text NOT NULL,
  unit_id text NOT NULL
);
