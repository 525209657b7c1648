-- Events a consumer gave up on after ConsumerOptions::max_deliveries (libs/events/sql/outbox_inbox.sql for schema api).
CREATE TABLE api.dead_letter (
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  error text NOT NULL,
  deliveries integer NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
