-- Appraisal as provinces run it: appraising agencies and their assignments, the two-round
-- explanation process, the council's decision record, evidence as official documents.

-- The agencies that appraise (the Department of Justice, of Finance …) and their staff: an
-- appraiser who belongs to an agency appraises only what the cycle assigns to it.
CREATE TABLE appraisal_agencies (
  id text PRIMARY KEY,
  name text NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE TABLE appraisal_agency_users (
  user_id bigint PRIMARY KEY REFERENCES users(id),
  agency_id text NOT NULL REFERENCES appraisal_agencies(id)
);

-- A component or criterion of the cycle's framework (and everything below it) given to an agency.
CREATE TABLE appraisal_assignments (
  cycle_id text NOT NULL REFERENCES cycles(id),
  code text NOT NULL,
  agency_id text NOT NULL REFERENCES appraisal_agencies(id),
  PRIMARY KEY (cycle_id, code)
);

-- The process the province chose for the cycle; `round` 1 and 2 are open rounds, 3 closed.
CREATE TABLE appraisal_settings (
  cycle_id text PRIMARY KEY REFERENCES cycles(id),
  process text NOT NULL CHECK (process IN ('single', 'twoRound')),
  preliminary_from date,
  round1_from date,
  round1_to date,
  round2_from date,
  round2_to date,
  round integer NOT NULL DEFAULT 1 CHECK (round IN (1, 2, 3)),
  council_required boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1
);

-- Official documents (văn bản): one stored file, de-duplicated by content, with its number,
-- date, issuer and summary; linked to as many units and criteria as it proves.
CREATE TABLE documents (
  id bigserial PRIMARY KEY,
  sha256 text NOT NULL UNIQUE,
  name text NOT NULL,
  content_type text NOT NULL,
  size bigint NOT NULL,
  number text NOT NULL,
  issued_on date NOT NULL,
  issuer text NOT NULL,
  summary text NOT NULL,
  -- Number, issuer, summary and name folded (no diacritics, lower case): what search reads.
  search_key text NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE document_links (
  document_id bigint NOT NULL REFERENCES documents(id),
  cycle_id text NOT NULL,
  unit_id text NOT NULL,
  code text NOT NULL,
  linked_by text NOT NULL,
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, cycle_id, unit_id, code),
  FOREIGN KEY (cycle_id, unit_id) REFERENCES unit_results(cycle_id, unit_id)
);
CREATE INDEX document_links_unit ON document_links (cycle_id, unit_id, code);

-- A unit's explanation (giải trình) of one criterion in one round, and the appraisers' answer.
CREATE TABLE explanations (
  id bigserial PRIMARY KEY,
  cycle_id text NOT NULL,
  unit_id text NOT NULL,
  code text NOT NULL,
  round integer NOT NULL CHECK (round IN (1, 2)),
  text text NOT NULL,
  documents jsonb NOT NULL DEFAULT '[]',
  appraised_before bigint,
  explained_by text NOT NULL,
  explained_at timestamptz NOT NULL DEFAULT now(),
  outcome text CHECK (outcome IN ('accepted', 'kept')),
  new_points bigint,
  answer_reason text,
  answered_by text,
  answered_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (cycle_id, unit_id, code, round),
  FOREIGN KEY (cycle_id, unit_id) REFERENCES unit_results(cycle_id, unit_id)
);

-- The appraisal council's record for a cycle: members, meeting, votes per item or as a whole.
CREATE TABLE councils (
  cycle_id text PRIMARY KEY REFERENCES cycles(id),
  decision text NOT NULL,
  meeting_on date NOT NULL,
  members jsonb NOT NULL,
  scope text NOT NULL CHECK (scope IN ('whole', 'items')),
  items jsonb NOT NULL,
  minutes_document bigint REFERENCES documents(id),
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

-- The council decision a publication cites, as it stood at the decision.
ALTER TABLE publications ADD COLUMN council jsonb;
