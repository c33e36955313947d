-- Units' action plans (kind: plan): tasks, tracked indicators, reporting calendar. Stored as the
-- document (the core validates it); edited task by task with optimistic versioning on the row.
CREATE TABLE plans (
  unit_id text NOT NULL REFERENCES units(id),
  year integer NOT NULL,
  document jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (unit_id, year)
);
