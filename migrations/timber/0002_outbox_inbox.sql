-- Transactional outbox, inbox and dead letters of greenlane-timber: libs/events/sql/outbox_inbox.sql for schema timber.
--
-- outbox: events::Publish inserts a row in the transaction that makes the change; events::Relay copies
-- unpublished rows, oldest first, to the Redis stream "greenlane.<topic>" and stamps published_at.
-- The partial index keeps finding unpublished rows cheap however many published rows there are.
--
-- Published rows stay for events::RelayOptions::retention (7 days by default) so events can be
-- replayed (events::Relay::ReplaySince); events::Relay prunes older ones in small batches.
--
-- inbox: events::Consumer records (consumer group, event id) in the transaction that applies an
-- event; a redelivered event hits the primary key and changes nothing.
--
-- dead_letter: an event whose handler kept failing (ConsumerOptions::max_deliveries) is parked here,
-- with the last error, and acknowledged, so it stops holding up the stream and someone can look at it.

CREATE TABLE timber.outbox (
  id bigserial PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);

CREATE INDEX outbox_unpublished ON timber.outbox (id) WHERE published_at IS NULL;

CREATE TABLE timber.inbox (
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);

CREATE TABLE timber.dead_letter (
  consumer text NOT NULL,
  event_id uuid NOT NULL,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  error text NOT NULL,
  deliveries integer NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
