-- The bulk-load fast path (src/store/save.ts) for a server role that does not own the tables
-- (the two-role set-up in README): the tables' owner, who runs the migrations, lends it two
-- functions — the scores' unit key dropped with the tables locked, and added again, which
-- checks every row in one join. A transaction that dropped the key cannot commit without it:
-- a deferred trigger checks the key is back at commit. EXECUTE is granted to the server role
-- only (see scripts/postgres-roles.sql), never to PUBLIC.
CREATE TABLE bulk_scores_guard (opened_at timestamptz NOT NULL DEFAULT now());

CREATE FUNCTION bulk_scores_keyed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'scores_cycle_id_unit_id_fkey' AND conrelid = 'scores'::regclass) THEN
    RAISE EXCEPTION 'scores were loaded in bulk without their unit key added back' USING ERRCODE = 'P0001';
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER bulk_scores_keyed AFTER INSERT ON bulk_scores_guard
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bulk_scores_keyed();

CREATE FUNCTION bulk_scores_unkey() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  LOCK TABLE unit_results, scores IN ACCESS EXCLUSIVE MODE;
  INSERT INTO bulk_scores_guard DEFAULT VALUES;
  ALTER TABLE scores DROP CONSTRAINT scores_cycle_id_unit_id_fkey;
END;
$$;
CREATE FUNCTION bulk_scores_rekey() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  ALTER TABLE scores ADD CONSTRAINT scores_cycle_id_unit_id_fkey FOREIGN KEY (cycle_id, unit_id) REFERENCES unit_results (cycle_id, unit_id);
  DELETE FROM bulk_scores_guard;
END;
$$;
REVOKE EXECUTE ON FUNCTION bulk_scores_unkey(), bulk_scores_rekey() FROM PUBLIC;
