-- Unit lineage as rows: one per predecessor → successor link, with its kind, effective date and
-- shares. The units' documents stay the source of truth (units.document: `predecessors` and
-- `lineage`, as the units file writes them); a trigger keeps these rows from them in the same
-- transaction as every write of a unit, so SQL can read lineage (the province's screen of units
-- without lineage after a reform date) without parsing documents. A kind left null is inferred
-- by the core (core/lineage.ts: several predecessors a merger, several successors a split, else a rename).
CREATE TABLE unit_links (
  successor_id text NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  predecessor_id text NOT NULL,
  kind text CHECK (kind IN ('split', 'merger', 'rename', 'transfer')),
  effective_date date,
  population_share numeric CHECK (population_share > 0 AND population_share <= 1),
  area_share numeric CHECK (area_share > 0 AND area_share <= 1),
  PRIMARY KEY (successor_id, predecessor_id)
);
CREATE INDEX unit_links_predecessor ON unit_links (predecessor_id);
CREATE INDEX units_province_validity ON units (province_id, valid_from, valid_to);

CREATE FUNCTION unit_links_rows(unit_id text, document jsonb, valid_from date)
RETURNS TABLE (successor_id text, predecessor_id text, kind text, effective_date date, population_share numeric, area_share numeric)
LANGUAGE sql IMMUTABLE AS $$
  SELECT unit_id, p.value, d.detail->>'kind', COALESCE((d.detail->>'date')::date, valid_from),
         (d.detail->>'population')::numeric, (d.detail->>'area')::numeric
  FROM jsonb_array_elements_text(COALESCE(document->'predecessors', '[]'::jsonb)) AS p(value)
  LEFT JOIN LATERAL (
    SELECT e AS detail FROM jsonb_array_elements(COALESCE(document->'lineage', '[]'::jsonb)) AS e WHERE e->>'from' = p.value LIMIT 1
  ) AS d ON true
$$;

CREATE FUNCTION unit_links_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM unit_links WHERE unit_links.successor_id = NEW.id;
  INSERT INTO unit_links SELECT * FROM unit_links_rows(NEW.id, NEW.document, NEW.valid_from);
  RETURN NULL;
END;
$$;
CREATE TRIGGER unit_links_sync AFTER INSERT OR UPDATE OF document, valid_from ON units
  FOR EACH ROW EXECUTE FUNCTION unit_links_sync();

INSERT INTO unit_links SELECT r.* FROM units AS u, LATERAL unit_links_rows(u.id, u.document, u.valid_from) AS r;
