-- Offline capture (issue 3): field devices sign each record they capture with their Ed25519 key and a
-- per-device sequence number; Sync applies records once.
--
-- A record's (device, sequence) row is written in the SAME transaction as the step it applies (the
-- store's in-transaction hook), so a resent record finds its row exactly when its step committed:
-- re-sending a batch changes nothing, even after a crash between the step and its acknowledgement.

CREATE TABLE timber.devices (
  id            text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,64}$'),
  public_key    bytea NOT NULL CHECK (length(public_key) = 32),  -- raw Ed25519 public key (RFC 8032)
  operator_id   uuid NOT NULL REFERENCES timber.operators (id),
  -- The facade client the device syncs for (trader scoping); NULL when only officers sync it.
  owner         text CHECK (length(owner) BETWEEN 1 AND 200),
  label         text NOT NULL CHECK (length(label) <= 200),
  registered_by text NOT NULL,
  registered_at timestamptz NOT NULL
);

-- One row per (device, sequence) once decided: accepted (written with the step) or rejected (the
-- rule that refused it). digest is the SHA-256 of the signed bytes: the same sequence with other
-- bytes is a conflict, never a second step.
CREATE TABLE timber.sync_records (
  device    text NOT NULL REFERENCES timber.devices (id),
  sequence  bigint NOT NULL CHECK (sequence > 0),
  digest    bytea NOT NULL CHECK (length(digest) = 32),
  kind      text NOT NULL,
  outcome   text NOT NULL CHECK (outcome IN ('accepted', 'rejected')),
  rule      text NOT NULL DEFAULT '',
  message   text NOT NULL DEFAULT '',
  synced_at timestamptz NOT NULL,
  PRIMARY KEY (device, sequence)
);
