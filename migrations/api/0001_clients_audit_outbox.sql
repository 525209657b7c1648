-- The REST facade's own data: API clients, its hash-chained audit log, and its event outbox/inbox.

CREATE TABLE api.clients (
  id           uuid PRIMARY KEY,
  name         text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  secret_hash  text NOT NULL,
  roles        text[] NOT NULL CHECK (cardinality(roles) >= 1),
  disabled     boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  disabled_at  timestamptz
);

-- Append-only, hash-chained audit log: libs/security/sql/audit_log.sql for schema api.
CREATE TABLE api.audit_log (
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

CREATE INDEX audit_log_entity_idx ON api.audit_log (entity_type, entity_id, seq);
CREATE INDEX audit_log_actor_idx ON api.audit_log (actor, seq);

-- Defence in depth: the service's own role cannot rewrite history by mistake or through an injected
-- statement. Someone who can drop the trigger can still edit rows; the hash chain is what reveals that.
CREATE FUNCTION api.audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON api.audit_log
  FOR EACH ROW EXECUTE FUNCTION api.audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON api.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION api.audit_log_refuse_change();

-- Transactional outbox and idempotent-consumer inbox: libs/events/sql/outbox_inbox.sql for schema api.
CREATE TABLE api.outbox (
  id bigserial PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);

CREATE INDEX outbox_unpublished ON api.outbox (id) WHERE published_at IS NULL;

CREATE TABLE api.inbox (
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
