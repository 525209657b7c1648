-- Electronic CITES permits of greenlane-cites (issue 5, services/cites/README.md): permits and their
-- lines, annual export quotas, species listings, partner economies and the signed exchange with them.

-- One row per permit or certificate. The full document (boxes 1-15 as in greenlane.v1.CitesPermit)
-- is `document`; the columns beside it are what queries filter on. Quantities are exact numerics.
CREATE TABLE cites.permits (
  id uuid PRIMARY KEY,  -- UUIDv7
  number text NOT NULL UNIQUE CHECK (length(number) BETWEEN 1 AND 35),
  type text NOT NULL CHECK (type IN ('export', 're-export', 'import', 'origin')),
  state text NOT NULL CHECK (state IN ('draft', 'issued', 'endorsed', 'used', 'cancelled', 'revoked', 'replaced')),
  applicant text NOT NULL,  -- the trader's client id: a trader sees only its own permits
  exporter_country text NOT NULL,
  importer_country text NOT NULL,
  issued_on date NOT NULL,
  document jsonb NOT NULL,
  endorsement jsonb,      -- box 14, once endorsed
  import_record jsonb,    -- once accepted at import
  reason text NOT NULL DEFAULT '',
  replaced_by text NOT NULL DEFAULT '',
  token text NOT NULL DEFAULT '',  -- compact JWS of the QR code, once issued
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX permits_created_idx ON cites.permits (created_at DESC, id DESC);
CREATE INDEX permits_applicant_idx ON cites.permits (applicant, created_at DESC, id DESC);

-- The lines, for reports and for the database's own guard: an endorsed or imported quantity can
-- never exceed what was permitted, whatever code writes it.
CREATE TABLE cites.permit_lines (
  permit_id uuid NOT NULL REFERENCES cites.permits (id),
  line_no integer NOT NULL CHECK (line_no >= 0),
  scientific_name text NOT NULL,
  term text NOT NULL,
  unit text NOT NULL,
  appendix text NOT NULL,
  source text NOT NULL,
  permitted numeric(18, 6) NOT NULL CHECK (permitted >= 0),
  endorsed numeric(18, 6) CHECK (endorsed >= 0 AND endorsed <= permitted),
  imported numeric(18, 6) CHECK (imported >= 0 AND imported <= permitted),
  PRIMARY KEY (permit_id, line_no)
);

-- Document numbers "<country>-<EX|RE|IM|CO>-<year>-<6 digits>", gapless per prefix.
CREATE TABLE cites.number_sequences (
  prefix text PRIMARY KEY,
  last bigint NOT NULL
);

-- Annual export quotas per species (normalized name), exporting country and year, drawn down by
-- endorsements under a row lock.
CREATE TABLE cites.quotas (
  name_key text NOT NULL,
  scientific_name text NOT NULL,
  country text NOT NULL,
  year integer NOT NULL,
  quantity numeric(18, 6) NOT NULL CHECK (quantity >= 0),
  unit text NOT NULL,
  used numeric(18, 6) NOT NULL DEFAULT 0 CHECK (used >= 0 AND used <= quantity),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (name_key, country, year)
);

-- Species listings with their history (seeded from services/cites/data/species.json, updated by
-- Species+ imports). listings: [{"from": "YYYY-MM-DD", "appendix": "II" | null}, ...] oldest first.
CREATE TABLE cites.taxa (
  name_key text PRIMARY KEY,
  scientific_name text NOT NULL,
  common_name text NOT NULL,
  kingdom text NOT NULL CHECK (kingdom IN ('Animalia', 'Plantae')),
  taxon_group text NOT NULL,
  notes text NOT NULL,
  listings jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);

-- The newest Species+ updated_at imported: the next incremental import's updated_since.
CREATE TABLE cites.species_import_cursor (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  updated_since timestamptz NOT NULL
);

-- Partner economies' management authorities.
CREATE TABLE cites.partners (
  country text PRIMARY KEY CHECK (country ~ '^[A-Z]{2}$'),
  authority text NOT NULL,
  exchange_url text NOT NULL,
  public_key_pem text NOT NULL,
  client_cn text NOT NULL UNIQUE,
  allowed_operations text[] NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Every inbound message id accepted, so a replay is refused.
CREATE TABLE cites.partner_messages (
  message_id text PRIMARY KEY,
  partner_country text NOT NULL REFERENCES cites.partners (country),
  operation text NOT NULL,
  body_sha256 text NOT NULL,
  received_at timestamptz NOT NULL
);

-- Permits partner economies delivered (an export permit for an import into this country, or an
-- import permit an Appendix I export relies on), as received.
CREATE TABLE cites.received_permits (
  number text NOT NULL,
  partner_country text NOT NULL REFERENCES cites.partners (country),
  type text NOT NULL,
  state text NOT NULL,
  document jsonb NOT NULL,
  token text NOT NULL,
  message_id text NOT NULL REFERENCES cites.partner_messages (message_id),
  received_at timestamptz NOT NULL,
  PRIMARY KEY (partner_country, number)
);

-- Deliveries of issued permits to partner economies: retried with backoff, then dead (visible to
-- admins through ListDeliveries). Each attempt is signed afresh (the timestamp must be recent) under
-- the same message id, so a partner that already has it can tell a retry from a new message.
CREATE TABLE cites.deliveries (
  id uuid PRIMARY KEY,
  permit_number text NOT NULL REFERENCES cites.permits (number),
  partner_country text NOT NULL REFERENCES cites.partners (country),
  message_id text NOT NULL UNIQUE,
  operation text NOT NULL,
  body text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX deliveries_due_idx ON cites.deliveries (next_attempt_at) WHERE state = 'pending';
