#pragma once

#include <chrono>
#include <functional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "exchange/partner_store.h"
#include "greenlane/core/clock.h"
#include "greenlane/pg/pool.h"
#include "greenlane/security/audit_log.h"
#include "greenlane/security/ed25519.h"

namespace greenlane::cites {

/// One outbound message to a partner economy (cites.deliveries).
struct Delivery {
  std::string id;
  std::string permit_number;
  std::string partner_country;
  std::string message_id;
  std::string operation;
  std::string body;
  std::string state;  ///< pending | delivered | dead
  int attempts = 0;
  core::TimePoint next_attempt_at;
  std::string last_error;
};

/// A message as sent: what the partner's exchange endpoint checks (the same headers our own
/// endpoint reads: X-Greenlane-Message-Id, -Timestamp, -Signature).
struct OutboundMessage {
  std::string message_id;
  std::string timestamp;
  std::string operation;
  std::string body;
  std::string signature;  ///< base64url Ed25519 over SigningInput(...)
};

/// Sends one message to a partner; an error (network, non-2xx) makes the delivery retry later.
using DeliverySender = std::function<core::Status(const Partner&, const OutboundMessage&)>;

struct DeliveryPolicy {
  std::chrono::seconds first_retry{30};
  std::chrono::seconds max_retry{3600};
  int max_attempts = 8;  ///< then the delivery is dead: an admin looks at it
};

/// Deliveries of issued permits to partner economies, through the transactional outbox pattern:
/// queued in the transaction that issues the permit, sent after it commits, retried with
/// exponential backoff, and parked as dead (audited as exchange.delivery_dead) after max_attempts.
class DeliveryStore {
 public:
  DeliveryStore(pg::Pool& pool, const security::AuditLog& audit, const core::Clock& clock, DeliveryPolicy policy)
      : pool_(pool), audit_(audit), clock_(clock), policy_(policy) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Queues `body` for `partner_country` inside the caller's transaction; returns the message id.
  static std::string Enqueue(pqxx::transaction_base& tx, const core::Clock& clock, const std::string& permit_number,
                             const std::string& partner_country, const std::string& operation, const std::string& body);

  /// One round: takes up to `limit` due deliveries (skipping rows another replica holds), signs
  /// each afresh with `key` and sends it, and records the outcome. Returns how many were sent.
  int RunOnce(const DeliverySender& send, const security::Ed25519Key& key, int limit);

  /// Deliveries in `state` ("" = any), newest first.
  std::vector<Delivery> List(const std::string& state, int limit);

 private:
  void Record(const Delivery& delivery, const core::Status& outcome);

  pg::Pool& pool_;
  const security::AuditLog& audit_;
  const core::Clock& clock_;
  DeliveryPolicy policy_;
};

}  // namespace greenlane::cites
