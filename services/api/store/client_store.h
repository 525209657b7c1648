#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "domain/client.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "greenlane/pg/pool.h"
#include "greenlane/security/audit_log.h"

namespace greenlane::api {

/// The api.clients table. Creating and disabling a client are audited in the same transaction.
class ClientStore {
 public:
  ClientStore(pg::Pool& pool, const security::AuditLog& audit, const core::Clock& clock, int secret_hash_iterations)
      : pool_(pool), audit_(audit), clock_(clock), secret_hash_iterations_(secret_hash_iterations) {}

  /// Statements this store runs, for pg::PoolOptions::prepared.
  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  struct Created {
    Client client;
    std::string secret;  ///< shown once, never stored
  };
  core::Result<Created> Create(const std::string& name, const std::vector<std::string>& roles,
                               const std::string& actor);
  std::vector<Client> List();
  core::Result<Client> Disable(const std::string& id, const std::string& actor);
  /// Ids of every disabled client, for DisabledClients.
  std::unordered_set<std::string> DisabledIds();

  /// The client when `secret` is its secret and it is enabled; kUnauthenticated otherwise, with
  /// the same message and the same work (a KDF run) for an unknown id and a wrong secret, so ids
  /// cannot be probed by the answer or its timing.
  core::Result<Client> Authenticate(const std::string& id, const std::string& secret);

 private:
  pg::Pool& pool_;
  const security::AuditLog& audit_;
  const core::Clock& clock_;
  int secret_hash_iterations_;
  std::once_flag decoy_once_;
  std::string decoy_hash_;  // hashed against when the id is unknown, to spend the same time
};

}  // namespace greenlane::api
