-- Asynchronous requests of the single window (Prefer: respond-async): each is a conversation the
-- facade processes in the background, answers on its client's webhook (signed, retried with
-- backoff, failed after a limit and replayable) and also keeps for pulling.
CREATE TABLE api.webhooks (
  client_id text PRIMARY KEY,
  url text NOT NULL,
  -- HMAC-SHA256 key shared with the receiver. It must be readable to sign each delivery, unlike a
  -- client secret: protect the database accordingly.
  secret text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE api.conversations (
  id uuid PRIMARY KEY,
  client_id text NOT NULL,
  roles text[] NOT NULL,                -- the client's roles when it asked: the work runs with them
  kind text NOT NULL,                   -- e.g. declaration.assessment
  reference text NOT NULL,              -- the client's reference (declaration functional reference id)
  request text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
  result jsonb,                         -- the answer when done, a problem when failed
  attempts integer NOT NULL DEFAULT 0,  -- processing attempts (the service behind may be down)
  next_attempt_at timestamptz NOT NULL,
  delivery_state text NOT NULL CHECK (delivery_state IN ('none', 'pending', 'delivered', 'failed')),
  delivery_attempts integer NOT NULL DEFAULT 0,
  next_delivery_at timestamptz,
  last_delivery_error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX conversations_to_process ON api.conversations (next_attempt_at) WHERE state = 'pending';
CREATE INDEX conversations_to_deliver ON api.conversations (next_delivery_at) WHERE delivery_state = 'pending';
CREATE INDEX conversations_by_client ON api.conversations (client_id, delivery_state, id);
