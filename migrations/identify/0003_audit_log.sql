-- Append-only, hash-chained audit log of identify (DESIGN §7): libs/security/sql/audit_log.sql with {{schema}} = identify.
-- Reference library changes (AddSpectra batches) are audited here.
-- Rows are written only by greenlane::security::AuditLog::Append, which computes seq, prev_hash and
-- hash; AuditLog::Verify recomputes the chain. seq is gapless on purpose (no sequence object), so a
-- missing number always means a deleted row.
CREATE SCHEMA IF NOT EXISTS identify;

CREATE TABLE identify.audit_log (
  seq          bigint      PRIMARY KEY CHECK (seq > 0),
  at           timestamptz NOT NULL,
  actor        text        NOT NULL,
  action       text        NOT NULL,
  entity_type  text        NOT NULL,
  entity_id    text        NOT NULL,
  before_state text,  -- canonical JSON of the entity before the change; NULL when it did not exist
  after_state  text,  -- canonical JSON after the change; NULL when it was removed
  request_id   text        NOT NULL,
  prev_hash    text        NOT NULL,
  hash         text        NOT NULL
);

CREATE INDEX audit_log_entity_idx ON identify.audit_log (entity_type, entity_id, seq);
CREATE INDEX audit_log_actor_idx ON identify.audit_log (actor, seq);

-- Defence in depth: the service's own role cannot rewrite history by mistake or through an injected
-- statement. Someone who can drop the trigger can still edit rows; the hash chain is what reveals that.
CREATE FUNCTION identify.audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON identify.audit_log
  FOR EACH ROW EXECUTE FUNCTION identify.audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON identify.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION identify.audit_log_refuse_change();
