-- The vector-tile caches of organisation layers (api/src/vector-tiles/layer.generation.ts) hear of
-- every committed write to a layer's table, whoever made it — the API, an import, a script, psql — on
-- the channel every app process LISTENs to. PostgreSQL delivers a NOTIFY at commit, and not at all on
-- rollback. Payload: '<layer> db' (the writing process is not known here).
CREATE FUNCTION belcheer_notify_layer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('belcheer_layer_changed', TG_ARGV[0] || ' db');
  RETURN NULL;
END
$$;

CREATE TRIGGER pasture_units_layer_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pasture_units
  FOR EACH STATEMENT EXECUTE FUNCTION belcheer_notify_layer('pasture-units');
