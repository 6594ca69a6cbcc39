-- Export jobs (SPEC §2.2 "offline package", §3 `/api/exports/…`): what was asked, by whom, its state
-- and progress, and the files it produced under `storage_key/` in the store until `expires_at`.

CREATE TABLE exports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('survey-package')),
  params jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'ready', 'failed')),
  progress double precision NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  error text,
  -- Prefix of the files in the store (`exports/<id>`), their names and sizes, and the total size.
  storage_key text,
  files jsonb,
  size bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  expires_at timestamptz
);
CREATE INDEX exports_organisation_idx ON exports (organisation_id, created_at DESC);
