-- Declarations, assessments, rule sets, profiles, inspection feedback and evidence of greenlane-risk
-- (services/risk/README.md).

-- A declaration as the single window last sent it; an amendment replaces the document and gets a
-- new assessment. owners are the client ids a trader may read it as (the submitter and the parties).
CREATE TABLE risk.declarations (
  reference text PRIMARY KEY,  -- functional reference id
  type text NOT NULL,
  customs_office text NOT NULL,
  declarant text NOT NULL,
  importer text NOT NULL,
  exporter text NOT NULL,
  containers text[] NOT NULL,
  owners text[] NOT NULL,
  lodged_at timestamptz NOT NULL,
  document jsonb NOT NULL,
  document_sha256 text NOT NULL,  -- of the canonical document: a resend of the same one is not reassessed
  received_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX declarations_updated_idx ON risk.declarations (updated_at DESC);

-- Every assessment made; `current` marks the one in force per declaration. view is the officer view
-- (domain ToJson), checks what the document checks and evidence answered (for dry runs), lane the
-- lane in force after reroutes, selected_lane what the pipeline chose.
CREATE TABLE risk.assessments (
  id uuid PRIMARY KEY,
  declaration text NOT NULL REFERENCES risk.declarations (reference),
  current boolean NOT NULL,
  assessed_at timestamptz NOT NULL,
  score integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  risk double precision NOT NULL,
  selected_lane text NOT NULL CHECK (selected_lane IN ('green', 'blue', 'yellow', 'red')),
  lane text NOT NULL CHECK (lane IN ('green', 'blue', 'yellow', 'red')),
  mandatory boolean NOT NULL,
  random boolean NOT NULL,
  capacity boolean NOT NULL,
  rule_set_version text NOT NULL,
  model_version text NOT NULL,
  evidence_references text[] NOT NULL,
  view jsonb NOT NULL,
  checks jsonb NOT NULL
);
CREATE UNIQUE INDEX assessments_current_idx ON risk.assessments (declaration) WHERE current;
CREATE INDEX assessments_declaration_idx ON risk.assessments (declaration, assessed_at);

CREATE TABLE risk.reroutes (
  id uuid PRIMARY KEY,
  assessment_id uuid NOT NULL REFERENCES risk.assessments (id),
  from_lane text NOT NULL,
  to_lane text NOT NULL,
  justification text NOT NULL,
  actor text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX reroutes_assessment_idx ON risk.reroutes (assessment_id, at);

-- Versioned rule sets (rules.json documents); exactly one is active once the service has started.
CREATE TABLE risk.rule_sets (
  version text PRIMARY KEY,
  document jsonb NOT NULL,
  rules integer NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  active boolean NOT NULL DEFAULT false,
  activated_at timestamptz,
  activated_by text
);
CREATE UNIQUE INDEX rule_sets_active_idx ON risk.rule_sets (active) WHERE active;

-- Inspection counts per profile dimension and key (domain/profiles.h).
CREATE TABLE risk.profiles (
  dimension text NOT NULL,
  key text NOT NULL,
  inspected bigint NOT NULL CHECK (inspected >= 0),
  positives bigint NOT NULL CHECK (positives BETWEEN 0 AND inspected),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (dimension, key)
);

-- One inspection act per declaration; it teaches the profiles and the per-rule performance once.
CREATE TABLE risk.inspections (
  id uuid PRIMARY KEY,
  declaration text NOT NULL UNIQUE REFERENCES risk.declarations (reference),
  assessment_id uuid NOT NULL REFERENCES risk.assessments (id),
  result text NOT NULL,
  illicit boolean NOT NULL,
  random boolean NOT NULL,
  seized_quantity text NOT NULL,  -- exact decimal as recorded, '' when nothing was seized
  seized_unit text NOT NULL,
  revenue_minor bigint NOT NULL CHECK (revenue_minor >= 0),
  revenue_currency text NOT NULL,
  notes text NOT NULL,
  inspected_by text NOT NULL,
  recorded_at timestamptz NOT NULL
);

-- Hits (assessments a rule gave a reason in), and how many of those were inspected and illicit.
CREATE TABLE risk.rule_performance (
  rule_id text PRIMARY KEY,
  hits bigint NOT NULL DEFAULT 0,
  inspected bigint NOT NULL DEFAULT 0,
  positives bigint NOT NULL DEFAULT 0
);

-- Findings of identification and timber anomalies, keyed by what they were linked to ('' when not).
CREATE TABLE risk.evidence (
  id uuid PRIMARY KEY,
  event_id text NOT NULL,
  source text NOT NULL CHECK (source IN ('identification', 'timber_anomaly')),
  reference text NOT NULL,
  code text NOT NULL,
  severity text NOT NULL,
  species text NOT NULL,
  cites_appendix text NOT NULL,
  detail text NOT NULL,
  declaration text NOT NULL,
  container text NOT NULL,
  barcode text NOT NULL,
  item text NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX evidence_declaration_idx ON risk.evidence (declaration) WHERE declaration <> '';
CREATE INDEX evidence_container_idx ON risk.evidence (container) WHERE container <> '';
CREATE INDEX evidence_barcode_idx ON risk.evidence (barcode) WHERE barcode <> '';
