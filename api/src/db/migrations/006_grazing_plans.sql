-- Grazing plans (SPEC §2.4, DOMAIN §5–§7): a soum's plan for a season and year, its herder groups with
-- head counts by species, their assignments to pasture units with dates, the draft → submitted →
-- approved workflow, and the signing certificate each organisation approves with (PAdES).

CREATE TABLE grazing_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  soum_code text NOT NULL REFERENCES admin_units (code),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  season text NOT NULL CHECK (season IN ('winter', 'spring', 'summer', 'autumn')),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  -- Days grazed D come from these dates, both inclusive (DOMAIN §6); defaults follow the season.
  start_date date NOT NULL,
  end_date date NOT NULL CHECK (end_date >= start_date),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved')),
  submitted_by uuid REFERENCES users (id) ON DELETE SET NULL,
  submitted_at timestamptz,
  approved_by uuid REFERENCES users (id) ON DELETE SET NULL,
  approved_at timestamptz,
  -- Store keys of the signed reports written at approval, by language.
  signed_report_keys jsonb,
  -- Optimistic locking: the ETag is derived from (id, version); every change increments it.
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX grazing_plans_organisation_idx ON grazing_plans (organisation_id, year);
CREATE INDEX grazing_plans_soum_idx ON grazing_plans (soum_code, status);

-- A herder group (хот айл) and its livestock, head by species (NSO sheep-unit factors, DOMAIN §5).
CREATE TABLE herder_groups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES grazing_plans (id) ON DELETE CASCADE,
  position integer NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  horse integer NOT NULL DEFAULT 0 CHECK (horse >= 0),
  cattle integer NOT NULL DEFAULT 0 CHECK (cattle >= 0),
  camel integer NOT NULL DEFAULT 0 CHECK (camel >= 0),
  sheep integer NOT NULL DEFAULT 0 CHECK (sheep >= 0),
  goat integer NOT NULL DEFAULT 0 CHECK (goat >= 0),
  UNIQUE (plan_id, name)
);

-- A herder group on a pasture unit from start to end (inclusive).
CREATE TABLE plan_assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL REFERENCES grazing_plans (id) ON DELETE CASCADE,
  group_id uuid NOT NULL REFERENCES herder_groups (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES pasture_units (id),
  position integer NOT NULL,
  start_date date NOT NULL,
  end_date date NOT NULL CHECK (end_date >= start_date)
);
CREATE INDEX plan_assignments_plan_idx ON plan_assignments (plan_id);
CREATE INDEX plan_assignments_unit_idx ON plan_assignments (unit_id);

-- The X.509 certificate (PKCS#12, e.g. issued by the national ESIGN service) an organisation signs
-- approved plans with. The PKCS#12 and its passphrase are encrypted with AES-256-GCM under
-- BELCHEER_SECRET_KEY ("v1:iv:tag:ciphertext", base64 parts); subject and validity are kept in clear.
CREATE TABLE signing_certificates (
  organisation_id uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
  p12_encrypted text NOT NULL,
  passphrase_encrypted text NOT NULL,
  subject text NOT NULL,
  issuer text NOT NULL,
  not_before timestamptz NOT NULL,
  not_after timestamptz NOT NULL,
  fingerprint_sha256 text NOT NULL,
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
