-- The sociological survey run in the platform (issue 20): questionnaires versioned per cycle,
-- the survey's state, the sample plan's figures, anonymous links, responses (append-only: a
-- correction is a new row naming the one it replaces), the staff's decisions on flagged
-- responses (append-only: the latest decision on a response counts) and the last computed points.

CREATE TABLE survey_questionnaires (
  cycle_id text NOT NULL REFERENCES cycles(id),
  version integer NOT NULL,
  framework_id text NOT NULL REFERENCES frameworks(id),
  document jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by text NOT NULL,
  PRIMARY KEY (cycle_id, version)
);

CREATE TABLE surveys (
  cycle_id text PRIMARY KEY REFERENCES cycles(id),
  questionnaire_version integer NOT NULL,
  state text NOT NULL DEFAULT 'design' CHECK (state IN ('design', 'open', 'closed')),
  -- Keys the anonymous network marks of online responses (never the address itself).
  network_salt text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  FOREIGN KEY (cycle_id, questionnaire_version) REFERENCES survey_questionnaires(cycle_id, version)
);

CREATE TABLE survey_quotas (
  cycle_id text NOT NULL REFERENCES surveys(cycle_id),
  unit_id text NOT NULL,
  group_id text NOT NULL,
  basis numeric,
  planned integer CHECK (planned >= 0),
  PRIMARY KEY (cycle_id, unit_id, group_id),
  FOREIGN KEY (cycle_id, unit_id) REFERENCES unit_results(cycle_id, unit_id)
);

-- Links to the public form: only the token's hash is kept; a token names a unit and a group, not a person.
CREATE TABLE survey_links (
  token_hash text PRIMARY KEY,
  cycle_id text NOT NULL REFERENCES surveys(cycle_id),
  unit_id text NOT NULL,
  group_id text NOT NULL,
  single_use boolean NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (cycle_id, unit_id) REFERENCES unit_results(cycle_id, unit_id)
);

-- No foreign key (to surveys, unit_results, or the response a correction replaces): a per-row key check doubled the time of a
-- 100,000-response import on the embedded engine; the store checks the cycle's survey and units
-- in the transaction that writes (responses are never deleted, and neither are cycles' units).
CREATE TABLE survey_responses (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cycle_id text NOT NULL,
  unit_id text NOT NULL,
  group_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('online', 'paper', 'file')),
  answers jsonb NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  questionnaire_version integer NOT NULL,
  network text,
  form_number text,
  batch text,
  entered_by text,
  -- The response this one corrects (checked by the store when it writes the correction).
  replaces bigint
);
CREATE INDEX survey_responses_cycle ON survey_responses (cycle_id, unit_id, group_id);
CREATE UNIQUE INDEX survey_responses_replaced ON survey_responses (replaces) WHERE replaces IS NOT NULL;
CREATE TRIGGER survey_responses_immutable BEFORE UPDATE OR DELETE ON survey_responses
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER survey_responses_no_truncate BEFORE TRUNCATE ON survey_responses
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE survey_decisions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cycle_id text NOT NULL REFERENCES surveys(cycle_id),
  response_id bigint NOT NULL REFERENCES survey_responses(id),
  flag text NOT NULL,
  decision text NOT NULL CHECK (decision IN ('accept', 'exclude')),
  reason text NOT NULL CHECK (length(trim(reason)) > 0),
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX survey_decisions_response ON survey_decisions (cycle_id, response_id, id);
CREATE TRIGGER survey_decisions_immutable BEFORE UPDATE OR DELETE ON survey_decisions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The points last computed from the valid answers, with their explanation, per unit and survey criterion.
CREATE TABLE survey_points (
  cycle_id text NOT NULL REFERENCES surveys(cycle_id),
  unit_id text NOT NULL,
  code text NOT NULL,
  node text NOT NULL,
  points bigint,
  max_points bigint NOT NULL,
  valid integer NOT NULL,
  explanation jsonb NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cycle_id, unit_id, code)
);
