-- Pasture units with their edit history, field plots, per-unit analysis results, and the survey
-- fields that index products need (reflectance scale, green-cover threshold).
-- Reference: DESIGN.md "Data model"; SPEC §2.3, §2.4; DOMAIN.md §1, §3, §6.

CREATE TABLE pasture_units (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  soum_code text NOT NULL REFERENCES admin_units (code),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  season text NOT NULL CHECK (season IN ('winter', 'spring', 'summer', 'autumn', 'reserve')),
  use text NOT NULL CHECK (use IN ('pasture', 'hayfield', 'cropland', 'fallow')),
  geom geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  -- Geodesic area, ST_Area(geom::geography) / 10 000, kept with the geometry.
  area_ha double precision NOT NULL,
  notes text,
  -- Reference forage of the unit's ecological zone (kg DM/ha) set by the land officer; the recovery
  -- class of DOMAIN §6 needs it. Null: no class.
  reference_biomass_kg_ha double precision CHECK (reference_biomass_kg_ha > 0),
  -- Optimistic locking: the ETag is derived from (id, version); every change increments it.
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Soft delete: a deleted unit can be restored with its history.
  deleted_at timestamptz
);
CREATE INDEX pasture_units_organisation_idx ON pasture_units (organisation_id, soum_code);
CREATE INDEX pasture_units_geom_idx ON pasture_units USING gist (geom);

-- One row per change of a unit: the values (geometry as GeoJSON) before and after.
CREATE TABLE pasture_unit_history (
  id bigserial PRIMARY KEY,
  unit_id uuid NOT NULL REFERENCES pasture_units (id) ON DELETE CASCADE,
  version integer NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore', 'import')),
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  at timestamptz NOT NULL DEFAULT now(),
  old_values jsonb,
  new_values jsonb,
  UNIQUE (unit_id, version)
);

-- Field plots: a GPS point with clipped biomass (kg DM/ha, normalised from g/m² or c/ha), cover and height.
CREATE TABLE field_plots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  survey_id uuid REFERENCES surveys (id) ON DELETE SET NULL,
  unit_id uuid REFERENCES pasture_units (id) ON DELETE SET NULL,
  name text,
  plot_date date NOT NULL,
  geom geometry(Point, 4326) NOT NULL,
  biomass_kg_ha double precision CHECK (biomass_kg_ha >= 0),
  -- Dry matter unless the plot says fresh (DOMAIN §4).
  biomass_fresh boolean NOT NULL DEFAULT false,
  cover_pct double precision CHECK (cover_pct BETWEEN 0 AND 100),
  height_cm double precision CHECK (height_cm >= 0),
  -- Side of the clipped square (m); the calibration window. Default 1 m (DOMAIN §4).
  plot_size_m double precision NOT NULL DEFAULT 1 CHECK (plot_size_m > 0),
  notes text,
  photo_key text,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX field_plots_organisation_idx ON field_plots (organisation_id, plot_date);
CREATE INDEX field_plots_survey_idx ON field_plots (survey_id);
CREATE INDEX field_plots_geom_idx ON field_plots USING gist (geom);

-- Per-unit analysis of one survey version (SPEC §2.3): written by the analysis job, replaced when the
-- survey, the unit or the calibration changes.
CREATE TABLE results (
  survey_id uuid NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,
  unit_id uuid NOT NULL REFERENCES pasture_units (id) ON DELETE CASCADE,
  survey_version integer NOT NULL,
  unit_version integer NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  -- The index the numbers below are about (e.g. ndvi, exg) and its zonal statistics (SPEC stats shape).
  product text NOT NULL,
  stats jsonb NOT NULL,
  -- Share of the unit's area covered by valid survey pixels, %.
  coverage_pct double precision NOT NULL,
  cover_pct double precision,
  biomass_kg_ha double precision,
  recovery_class text CHECK (recovery_class IN ('I', 'II', 'III', 'IV', 'V')),
  capacity_su double precision,
  season_days integer,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (survey_id, unit_id)
);
CREATE INDEX results_unit_idx ON results (unit_id);

-- Reflectance = DN × scale + offset (DOMAIN §1), from the file's metadata or declared with the survey;
-- null when unknown (SAVI, OSAVI and MSAVI are then refused).
ALTER TABLE surveys ADD COLUMN reflectance_scale double precision CHECK (reflectance_scale > 0);
ALTER TABLE surveys ADD COLUMN reflectance_offset double precision NOT NULL DEFAULT 0;
-- Green cover (DOMAIN §3): the index and threshold used for the published version's `cover` product.
ALTER TABLE surveys ADD COLUMN cover_index text;
ALTER TABLE surveys ADD COLUMN cover_threshold double precision;
