#pragma once

#include <prometheus/registry.h>

#include <memory>

#include "api/answer_cache.h"
#include "api/downstream.h"
#include "api/settings.h"
#include "domain/disabled_clients.h"
#include "domain/rate_limiter.h"
#include "domain/tokens.h"
#include "greenlane/core/clock.h"
#include "greenlane/metrics/http_metrics.h"
#include "greenlane/metrics/registry.h"
#include "greenlane/pg/pool.h"
#include "greenlane/redis/pool.h"
#include "greenlane/security/audit_log.h"
#include "greenlane/security/key_set.h"
#include "store/client_store.h"
#include "store/conversation_store.h"

namespace greenlane::api {

/// What route handlers and hooks share. Owned by ApiServer; handlers hold a reference.
struct ApiContext {
  const ApiSettings& settings;
  const core::Clock& clock;
  pg::Pool& pg;
  redis::Pool& redis;
  const security::KeySet& keys;
  const TokenIssuer& issuer;
  const TokenVerifier& verifier;
  RateLimiter& rate_limiter;
  ClientStore& clients;
  DisabledClients& disabled_clients;
  const security::AuditLog& audit;
  prometheus::Registry& registry;
  metrics::HttpMetrics& http_metrics;
  const Downstream& downstream;
  ConversationStore& conversations;
  AnswerCache& cites_verify_cache;
};

}  // namespace greenlane::api
