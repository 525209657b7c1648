#pragma once

#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/device.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "greenlane/pg/pool.h"
#include "greenlane/security/audit_log.h"

namespace greenlane::ingest {

/// Who asked for a registry change, for the audit log.
struct Actor {
  std::string id;          ///< officer or client id
  std::string request_id;  ///< ties the audit row to the call's log lines
};

/// The device registry (ingest.devices, ingest.verifications). Every change is written to the
/// hash-chained audit log in the transaction that makes it.
class DeviceStore {
 public:
  DeviceStore(pg::Pool& pool, const security::AuditLog& audit, const core::Clock& clock)
      : pool_(pool), audit_(audit), clock_(clock) {}

  /// Statements this store runs, for pg::PoolOptions::prepared.
  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Registers a device, or updates the one with the same serial (audited as device.registered or
  /// device.updated). Returns it with its latest verification.
  core::Result<Device> Register(const Device& device, const Actor& actor);

  /// Records a verification of a registered device (audited as device.verified); kNotFound for an
  /// unknown serial.
  core::Result<Verification> RecordVerification(const Verification& verification, const Actor& actor);

  /// Devices of `office` ("" = every office) ordered by serial, after `after_serial`, at most `limit`.
  std::vector<Device> List(const std::string& office, const std::string& after_serial, int limit);

  /// The registered devices among `serials`, by serial, each with its latest verification; inside
  /// the caller's transaction (the batch commit).
  static std::unordered_map<std::string, Device> Find(pqxx::transaction_base& tx,
                                                      const std::vector<std::string>& serials);

 private:
  pg::Pool& pool_;
  const security::AuditLog& audit_;
  const core::Clock& clock_;
};

}  // namespace greenlane::ingest
