-- Surveys (drone orthomosaics), their published assets, resumable uploads, and the job queue.

CREATE TABLE surveys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  survey_date date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('rgb', 'multispectral')),
  -- Band names in file order as declared by the user (null: read from the file).
  declared_bands text[],
  soum_code text REFERENCES admin_units (code),
  status text NOT NULL DEFAULT 'created'
    CHECK (status IN ('created', 'uploading', 'queued', 'processing', 'ready', 'failed')),
  progress real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  error text,
  -- The published version (0: nothing published yet) and the version being uploaded/processed.
  version integer NOT NULL DEFAULT 0,
  pending_version integer NOT NULL DEFAULT 0,
  footprint geometry(MultiPolygon, 4326),
  bbox double precision[],
  crs jsonb,
  gsd double precision,
  width integer,
  height integer,
  bands text[],
  sample_format text,
  products text[] NOT NULL DEFAULT '{}',
  source_filename text,
  source_size bigint,
  source_sha256 text,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX surveys_organisation_idx ON surveys (organisation_id, survey_date DESC);
CREATE INDEX surveys_footprint_idx ON surveys USING gist (footprint);

-- Files of a survey version in the store (the source, the COG, later the products).
CREATE TABLE survey_assets (
  survey_id uuid NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  version integer NOT NULL,
  kind text NOT NULL,
  storage_key text NOT NULL,
  size bigint NOT NULL,
  sha256 text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (survey_id, version, kind)
);

-- Resumable (tus) uploads: who may see and resume each one.
CREATE TABLE uploads (
  id text PRIMARY KEY,
  survey_id uuid NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  filename text NOT NULL,
  size bigint NOT NULL,
  expected_sha256 text,
  -- The survey version this upload feeds.
  version integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE INDEX uploads_survey_idx ON uploads (survey_id);

-- The durable job queue. Workers claim with FOR UPDATE SKIP LOCKED and hold a lease
-- (locked_until) that they renew; a job whose worker died is claimed again when the lease ends.
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'dead', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  run_after timestamptz NOT NULL DEFAULT now(),
  locked_by text,
  locked_until timestamptz,
  progress real NOT NULL DEFAULT 0,
  last_error text,
  -- Identical pending work is enqueued once (e.g. one process job per survey version).
  dedupe_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_ready_idx ON jobs (status, run_after) WHERE status IN ('queued', 'running');
CREATE UNIQUE INDEX jobs_dedupe_key ON jobs (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running');
