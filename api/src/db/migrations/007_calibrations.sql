-- Biomass calibration of a survey version from its field plots (DOMAIN §4; SPEC §2.3 "Biomass"):
-- written by the `survey.analysis` job together with the survey's `results` rows, replaced on every
-- recompute. `plots_digest` fingerprints the plots it used, so a plot edited, added or removed since
-- shows the calibration (and the results computed with it) as stale.
-- Reference: DESIGN.md "Data model" (calibrations); api/src/analysis/.

CREATE TABLE calibrations (
  survey_id uuid PRIMARY KEY REFERENCES surveys (id) ON DELETE CASCADE,
  survey_version integer NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  -- The calibration index (the survey's green-cover index, ExG or NDVI); null when its bands allow none.
  index_name text,
  status text NOT NULL CHECK (status IN ('calibrated', 'uncalibrated')),
  -- Why uncalibrated (e.g. "4 usable field plot(s); at least 5 needed").
  reason text,
  -- The chosen model (lower leave-one-out RMSE) and both fits: {model, n, r2, rmse, loo_rmse}.
  model text CHECK (model IN ('linear', 'exponential')),
  linear jsonb,
  exponential jsonb,
  -- Usable plots (index and biomass known).
  n integer NOT NULL,
  -- Scatter plot: [{plot, index, biomass_kg_ha}] for every plot considered (index null when no pixels).
  points jsonb NOT NULL DEFAULT '[]',
  notes jsonb NOT NULL DEFAULT '[]',
  plots_digest text NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'calibrated') = (model IS NOT NULL))
);
CREATE INDEX calibrations_organisation_idx ON calibrations (organisation_id);
