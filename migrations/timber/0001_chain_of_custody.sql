-- The chain of custody of greenlane-timber (issue 3): who may log where, every tree, stump, log and
-- lot, the documents that move and export them, the anomalies the rules raise, and the service's
-- outbox/inbox and audit log.
--
-- Concurrency guarantees live here as the last line behind the store's row locks: a piece is on at
-- most one open waybill (waybill_items_one_open), sawn at most once (processing_inputs.piece) and
-- exported at most once (export_certificate_items.piece).

CREATE TABLE timber.operators (
  id                  uuid PRIMARY KEY,
  name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  country             text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  registration_number text NOT NULL CHECK (length(registration_number) BETWEEN 1 AND 100),
  created_at          timestamptz NOT NULL,
  UNIQUE (country, registration_number)
);

CREATE TABLE timber.concessions (
  id          uuid PRIMARY KEY,
  operator_id uuid NOT NULL REFERENCES timber.operators (id),
  name        text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  geometry    text NOT NULL,  -- the GeoJSON Polygon or MultiPolygon as received, parsed by the domain
  valid_from  timestamptz NOT NULL,
  valid_until timestamptz NOT NULL,  -- exclusive
  created_at  timestamptz NOT NULL,
  CHECK (valid_until > valid_from)
);

CREATE TABLE timber.allowable_cuts (
  concession_id uuid NOT NULL REFERENCES timber.concessions (id),
  year          integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  species       text NOT NULL,
  volume_dm3    bigint NOT NULL CHECK (volume_dm3 >= 0),
  PRIMARY KEY (concession_id, year, species)
);

CREATE TABLE timber.sites (
  id                 uuid PRIMARY KEY,
  operator_id        uuid NOT NULL REFERENCES timber.operators (id),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind               text NOT NULL CHECK (kind IN ('forest', 'log_yard', 'sawmill', 'port')),
  longitude          double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  latitude           double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  utc_offset_minutes integer NOT NULL CHECK (utc_offset_minutes BETWEEN -840 AND 840),
  created_at         timestamptz NOT NULL
);

-- Trees, stumps, logs and lots share one table: barcodes are unique across them and lineage is a
-- parent pointer (a lot's parents are the inputs of its processing run).
CREATE TABLE timber.pieces (
  barcode          text PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('tree', 'stump', 'log', 'lot')),
  species          text NOT NULL,
  parent           text REFERENCES timber.pieces (barcode),
  concession_id    uuid REFERENCES timber.concessions (id),
  dbh_cm           integer CHECK (dbh_cm > 0),
  bole_height_cm   integer CHECK (bole_height_cm > 0),
  butt_diameter_cm integer CHECK (butt_diameter_cm > 0),
  top_diameter_cm  integer CHECK (top_diameter_cm > 0),
  length_cm        integer CHECK (length_cm > 0),
  product          text,
  longitude        double precision,
  latitude         double precision,
  volume_dm3       bigint NOT NULL CHECK (volume_dm3 >= 0),
  state            text NOT NULL
                   CHECK (state IN ('standing', 'felled', 'at_site', 'in_transit', 'cross_cut', 'processed', 'exported')),
  site_id          uuid REFERENCES timber.sites (id),
  document         text,  -- the open waybill while in transit, the certificate once exported
  felled_at        timestamptz,
  created_at       timestamptz NOT NULL,
  CHECK (kind <> 'tree' OR (concession_id IS NOT NULL AND dbh_cm IS NOT NULL AND bole_height_cm IS NOT NULL)),
  CHECK (kind <> 'log' OR (parent IS NOT NULL AND length_cm IS NOT NULL)),
  CHECK (kind <> 'lot' OR product IS NOT NULL)
);

CREATE INDEX pieces_parent_idx ON timber.pieces (parent);
-- The allowable cut sums what a concession felled per species and year.
CREATE INDEX pieces_felled_idx ON timber.pieces (concession_id, species, felled_at) WHERE kind = 'tree';

CREATE TABLE timber.waybills (
  barcode             text PRIMARY KEY,
  origin_site_id      uuid NOT NULL REFERENCES timber.sites (id),
  destination_site_id uuid NOT NULL REFERENCES timber.sites (id),
  vehicle             text NOT NULL CHECK (length(vehicle) BETWEEN 1 AND 20),
  driver              text NOT NULL CHECK (length(driver) BETWEEN 1 AND 200),
  photo_refs          text[] NOT NULL,
  state               text NOT NULL CHECK (state IN ('issued', 'in_transit', 'delivered', 'cancelled')),
  issued_at           timestamptz NOT NULL,
  departed_at         timestamptz,
  arrived_at          timestamptz,
  created_at          timestamptz NOT NULL,
  CHECK (origin_site_id <> destination_site_id)
);

CREATE TABLE timber.waybill_track_points (
  waybill   text NOT NULL REFERENCES timber.waybills (barcode),
  seq       integer NOT NULL CHECK (seq >= 0),
  at        timestamptz NOT NULL,
  longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  latitude  double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  PRIMARY KEY (waybill, seq)
);

-- open is true while the waybill is issued or in transit; delivery and cancellation close its items.
CREATE TABLE timber.waybill_items (
  waybill text NOT NULL REFERENCES timber.waybills (barcode),
  piece   text NOT NULL REFERENCES timber.pieces (barcode),
  open    boolean NOT NULL DEFAULT true,
  PRIMARY KEY (waybill, piece)
);

-- One open waybill per piece: the double spend of a log on two trucks fails here even if a code path
-- forgot to lock.
CREATE UNIQUE INDEX waybill_items_one_open ON timber.waybill_items (piece) WHERE open;
CREATE INDEX waybill_items_piece_idx ON timber.waybill_items (piece);

CREATE TABLE timber.processings (
  id              uuid PRIMARY KEY,
  sawmill_site_id uuid NOT NULL REFERENCES timber.sites (id),
  species         text NOT NULL,
  input_dm3       bigint NOT NULL CHECK (input_dm3 >= 0),
  output_dm3      bigint NOT NULL CHECK (output_dm3 >= 0),
  processed_at    timestamptz NOT NULL,
  created_at      timestamptz NOT NULL
);

CREATE TABLE timber.processing_inputs (
  processing_id uuid NOT NULL REFERENCES timber.processings (id),
  piece         text NOT NULL UNIQUE REFERENCES timber.pieces (barcode),  -- a log is sawn once
  PRIMARY KEY (processing_id, piece)
);

CREATE TABLE timber.processing_outputs (
  processing_id uuid NOT NULL REFERENCES timber.processings (id),
  piece         text NOT NULL UNIQUE REFERENCES timber.pieces (barcode),
  PRIMARY KEY (processing_id, piece)
);

CREATE TABLE timber.export_certificates (
  barcode             text PRIMARY KEY,
  hs_code             text NOT NULL CHECK (hs_code ~ '^[0-9]{4}(\.[0-9]{2}){0,2}$'),
  destination_country text NOT NULL CHECK (destination_country ~ '^[A-Z]{2}$'),
  container           text NOT NULL CHECK (length(container) BETWEEN 1 AND 20),
  cites_permit        text,
  state               text NOT NULL CHECK (state IN ('issued', 'shipped')),
  issued_at           timestamptz NOT NULL,
  shipped_at          timestamptz,
  created_at          timestamptz NOT NULL
);

CREATE TABLE timber.export_certificate_items (
  certificate text NOT NULL REFERENCES timber.export_certificates (barcode),
  piece       text NOT NULL REFERENCES timber.pieces (barcode),
  PRIMARY KEY (certificate, piece),
  -- A piece leaves the country once, whatever races the store's locks lose.
  CONSTRAINT export_certificate_items_piece_once UNIQUE (piece)
);

-- What the warning tier of a rule let through, for officers and risk scoring.
CREATE TABLE timber.anomalies (
  id          uuid PRIMARY KEY,  -- UUIDv7: ordered by creation, the key of the listing's pages
  rule        text NOT NULL,
  severity    text NOT NULL CHECK (severity IN ('warning', 'error')),
  subject     text NOT NULL,
  value       text NOT NULL,
  limit_value text NOT NULL,
  message     text NOT NULL,
  actor       text NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE INDEX anomalies_subject_idx ON timber.anomalies (subject, id);
CREATE INDEX anomalies_rule_idx ON timber.anomalies (rule, id);
