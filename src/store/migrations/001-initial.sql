-- PAR Index storage, version 1. One dialect (PostgreSQL) for both engines: PGlite embedded and
-- a PostgreSQL server. Points are stored as integer micro-points (bigint): exact, no float.

CREATE TABLE provinces (
  id text PRIMARY KEY,
  name text NOT NULL,
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE units (
  id text PRIMARY KEY,
  province_id text NOT NULL REFERENCES provinces(id),
  name text NOT NULL,
  full_name text NOT NULL,
  level text NOT NULL CHECK (level IN ('department', 'district', 'commune')),
  peer_group text NOT NULL,
  parent_id text,
  valid_from date,
  valid_to date,
  -- The unit as written in its units document (type, aliases, lineage, note).
  document jsonb NOT NULL,
  position integer NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX units_province_level ON units (province_id, level);

-- Frameworks are stored as the document they were imported from; immutable once a cycle uses them.
CREATE TABLE frameworks (
  id text PRIMARY KEY,
  document jsonb NOT NULL,
  content_hash text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);

-- A cycle: one year of one level's results under one framework (the province's publication).
CREATE TABLE cycles (
  id text PRIMARY KEY,
  year integer NOT NULL,
  framework_id text NOT NULL REFERENCES frameworks(id),
  phase text NOT NULL DEFAULT 'assessment',
  publication jsonb,
  notes jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX cycles_year ON cycles (year);

CREATE TABLE unit_results (
  cycle_id text NOT NULL REFERENCES cycles(id),
  unit_id text NOT NULL REFERENCES units(id),
  illustrative boolean NOT NULL DEFAULT false,
  published jsonb,
  notes jsonb NOT NULL DEFAULT '[]',
  state text NOT NULL DEFAULT 'draft',
  position integer NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (cycle_id, unit_id)
);

-- Per unit × criterion: the self score, the appraised score and the final score the core reads
-- (with its appraisal / survey split when the node mixes both).
CREATE TABLE scores (
  cycle_id text NOT NULL,
  unit_id text NOT NULL,
  code text NOT NULL,
  self_points bigint,
  appraised_points bigint,
  final_total bigint,
  final_appraisal bigint,
  final_survey bigint,
  reason text,
  comment text,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cycle_id, unit_id, code),
  FOREIGN KEY (cycle_id, unit_id) REFERENCES unit_results(cycle_id, unit_id)
);

CREATE TABLE indicators (
  cycle_id text NOT NULL,
  unit_id text NOT NULL,
  code text NOT NULL,
  value jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (cycle_id, unit_id, code),
  FOREIGN KEY (cycle_id, unit_id) REFERENCES unit_results(cycle_id, unit_id)
);

CREATE TABLE deductions (
  id bigserial PRIMARY KEY,
  cycle_id text NOT NULL,
  unit_id text NOT NULL,
  position integer NOT NULL,
  criterion text NOT NULL,
  points bigint NOT NULL,
  reason text NOT NULL,
  documents jsonb NOT NULL DEFAULT '[]',
  note text,
  version integer NOT NULL DEFAULT 1,
  FOREIGN KEY (cycle_id, unit_id) REFERENCES unit_results(cycle_id, unit_id)
);
CREATE INDEX deductions_unit ON deductions (cycle_id, unit_id);

-- A unit's own report texts (opening, causes, tasks, closing, printed claims) for a year.
CREATE TABLE unit_reports (
  unit_id text NOT NULL REFERENCES units(id),
  year integer NOT NULL,
  document jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (unit_id, year)
);

-- Published results: an immutable snapshot (the results document) per publication; a
-- correction is a new row with its own decision, never an edit.
CREATE TABLE publications (
  id bigserial PRIMARY KEY,
  cycle_id text NOT NULL REFERENCES cycles(id),
  sequence integer NOT NULL,
  decision text NOT NULL,
  decided_on date,
  reason text,
  snapshot jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (cycle_id, sequence)
);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'immutable: % rows cannot be changed or deleted', TG_TABLE_NAME USING ERRCODE = 'P0001';
END;
$$;
CREATE TRIGGER publications_immutable BEFORE UPDATE OR DELETE ON publications
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Bumped by every write transaction, so that readers know when their cached dataset is stale.
CREATE TABLE revision (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  value bigint NOT NULL
);
INSERT INTO revision VALUES (true, 0);
