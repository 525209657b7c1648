-- Identification results and the reference spectral library (services/identify/README.md).

-- One answer per analyzer reading (reading_id is ingest's id; identify never reads ingest's tables).
-- Consignment fields hold '' when the reading named none, as in ingest.
CREATE TABLE identify.results (
  id uuid PRIMARY KEY,  -- UUIDv7
  reading_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('xrf', 'refrigerant', 'wood', 'qpcr', 'dart')),
  declaration text NOT NULL,
  container text NOT NULL,
  item text NOT NULL,
  verdict text NOT NULL,
  confidence double precision NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  summary text NOT NULL,
  findings jsonb NOT NULL,  -- [{code, message, species?, cites_appendix?, substance?, element?}]
  details jsonb NOT NULL,   -- the kind-specific answer (README, "Results")
  produced_at timestamptz NOT NULL,
  -- A reading is identified once, whatever the number of times its event is delivered.
  CONSTRAINT results_reading_unique UNIQUE (reading_id)
);

-- Results of a consignment, newest first, by declaration or by container (keyset pages).
CREATE INDEX results_declaration_idx ON identify.results (declaration, produced_at DESC, id DESC) WHERE declaration <> '';
CREATE INDEX results_container_idx ON identify.results (container, produced_at DESC, id DESC) WHERE container <> '';

-- Reference spectra, loaded into the in-memory index at start-up in seq order. Peaks are stored raw
-- (as imported) so a change of the cleaning parameters applies to the whole library on restart.
-- peaks: little-endian IEEE 754 doubles, m/z and intensity alternating.
CREATE TABLE identify.reference_spectra (
  seq bigserial PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  name text NOT NULL,
  species text NOT NULL CHECK (species <> ''),
  source text NOT NULL,
  polarity text NOT NULL CHECK (polarity IN ('unknown', 'positive', 'negative')),
  precursor_mz double precision,
  peaks bytea NOT NULL,
  added_at timestamptz NOT NULL,
  added_by text NOT NULL
);
