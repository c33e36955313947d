-- What a revision changed, when one unit's results in one cycle is all it changed (a score
-- write, a not-applicable mark): a reader whose dataset is a few revisions old re-reads only
-- those units instead of the whole store. A revision without a row here changed anything
-- (imports, publications, units …) and makes readers read everything again. Old rows are pruned
-- by the writers (only the last ones are of use).
CREATE TABLE revision_changes (
  revision bigint PRIMARY KEY,
  cycle_id text NOT NULL,
  unit_id text NOT NULL
);
