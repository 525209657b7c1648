-- Readings from edge gateways and the instrument device registry (services/ingest/README.md).

-- Optional text fields hold '' when absent, as the protobuf contract does, so comparisons never
-- meet NULL; location is NULL when the analyzer recorded none.
CREATE TABLE ingest.readings (
  id uuid PRIMARY KEY,  -- UUIDv7 assigned by ingest
  kind text NOT NULL,
  device_serial text NOT NULL,
  gateway_id text NOT NULL,
  captured_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  operator_id text NOT NULL,
  sample_label text NOT NULL,
  declaration text NOT NULL,
  container text NOT NULL,
  item text NOT NULL,
  container_check_digit_valid boolean NOT NULL,
  latitude double precision,
  longitude double precision,
  reading_number text NOT NULL,
  source_file text NOT NULL,
  source_line integer NOT NULL,
  raw text NOT NULL,
  payload jsonb NOT NULL,
  flags text[] NOT NULL DEFAULT '{}',
  CONSTRAINT readings_natural_key UNIQUE (device_serial, reading_number, captured_at),
  CONSTRAINT readings_location_whole CHECK ((latitude IS NULL) = (longitude IS NULL))
);

-- Keyset pages of ListReadings, newest first, by each filter a caller starts from.
CREATE INDEX readings_captured_idx ON ingest.readings (captured_at DESC, id DESC);
CREATE INDEX readings_container_idx ON ingest.readings (container, captured_at DESC, id DESC) WHERE container <> '';
CREATE INDEX readings_declaration_idx ON ingest.readings (declaration, captured_at DESC, id DESC) WHERE declaration <> '';
CREATE INDEX readings_device_idx ON ingest.readings (device_serial, captured_at DESC, id DESC);
CREATE INDEX readings_kind_idx ON ingest.readings (kind, captured_at DESC, id DESC);

-- Every sequence number a gateway has had acknowledged, and the reading it stands for (a new one, or
-- the one already stored under the same natural key), so a resent batch is recognised.
CREATE TABLE ingest.gateway_sequences (
  gateway_id text NOT NULL,
  sequence bigint NOT NULL,
  reading_id uuid NOT NULL REFERENCES ingest.readings (id),
  PRIMARY KEY (gateway_id, sequence)
);

CREATE TABLE ingest.devices (
  serial text PRIMARY KEY,
  kind text NOT NULL,
  model text NOT NULL,
  office text NOT NULL,
  gateway_id text NOT NULL,
  registered_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE INDEX devices_office_idx ON ingest.devices (office, serial);

-- Verification and calibration records, append-only; the latest by performed_at is what counts.
CREATE TABLE ingest.verifications (
  id uuid PRIMARY KEY,
  device_serial text NOT NULL REFERENCES ingest.devices (serial),
  performed_at timestamptz NOT NULL,
  result text NOT NULL CHECK (result IN ('pass', 'fail')),
  reference_material text NOT NULL,
  next_due timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL
);

CREATE INDEX verifications_device_idx ON ingest.verifications (device_serial, performed_at DESC, id DESC);
