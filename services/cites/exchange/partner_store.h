#pragma once

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "greenlane/core/clock.h"
#include "greenlane/pg/pool.h"
#include "greenlane/security/audit_log.h"
#include "greenlane/security/ed25519.h"
#include "store/sql_values.h"

namespace greenlane::cites {

/// A partner economy's management authority (cites.partners).
struct Partner {
  std::string country;
  std::string authority;
  std::string exchange_url;
  std::string public_key_pem;  ///< Ed25519 SubjectPublicKeyInfo PEM: checks its signatures
  std::string client_cn;       ///< the CN of its mutual-TLS client certificate
  std::vector<std::string> allowed_operations;
  bool Allows(std::string_view operation) const;
};

/// A message as the exchange endpoint received it (headers and raw body).
struct InboundMessage {
  std::string client_cn;
  std::string message_id;
  std::string timestamp;
  std::string operation;
  std::string body;
  std::string signature;  ///< base64url
};

/// A message that passed every check, its id now recorded.
struct AcceptedMessage {
  Partner partner;
  nlohmann::json body;
};

/// The partner registry and the gate every inbound exchange message passes. A refused message
/// (unknown partner, operation not allowed, bad id, stale timestamp, forged or altered signature,
/// replayed id, body not JSON) leaves an exchange.message_refused audit row naming the rule.
class PartnerStore {
 public:
  PartnerStore(pg::Pool& pool, const security::AuditLog& audit, const core::Clock& clock,
               std::chrono::seconds timestamp_window)
      : pool_(pool), audit_(audit), clock_(clock), window_(timestamp_window) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Registers or updates a partner (audited as partner.registered / partner.updated).
  core::Result<Partner> Upsert(const Partner& partner, const Actor& actor);
  std::vector<Partner> List();
  static std::optional<Partner> FindByCountry(pqxx::transaction_base& tx, const std::string& country);

  /// Checks `message` and records its id; refusals are kPermissionDenied (unknown partner, operation
  /// not allowed), kUnauthenticated (signature, replay, timestamp) or kInvalidArgument (message id,
  /// body), their message starting with the rule id (exchange.*).
  core::Result<AcceptedMessage> Accept(const InboundMessage& message);

  /// permit.deliver: keeps the permit a partner issued (body {"permit", "state", "token"}), which
  /// must be issued by that partner's country, and publishes cites.permit.received.
  core::Status StoreReceived(const AcceptedMessage& message, const std::string& message_id);

 private:
  core::Error Refuse(const InboundMessage& message, core::Error error);
  std::optional<security::Ed25519Key> KeyOf(const Partner& partner);

  pg::Pool& pool_;
  const security::AuditLog& audit_;
  const core::Clock& clock_;
  std::chrono::seconds window_;
  std::mutex keys_mutex_;
  std::map<std::string, security::Ed25519Key> keys_;  // by PEM: parsed once, a new PEM parses anew
};

}  // namespace greenlane::cites
