#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/outcome.h"
#include "greenlane/core/error.h"
#include "store/context.h"

namespace greenlane::timber::store {

/// A field device allowed to capture records offline. Keys are raw 32-byte Ed25519 public keys.
struct Device {
  std::string id;          ///< as the app names itself, [A-Za-z0-9._-]{1,64}
  std::string public_key;  ///< raw 32 bytes (RFC 8032)
  std::string operator_id;
  std::string owner;  ///< the facade client it syncs for; empty when only officers sync it
  std::string label;
  core::TimePoint registered_at;
};

/// How a synced record was decided, as stored: `digest` is the SHA-256 of its signed bytes, in lower-case hex.
struct SyncDecision {
  std::string digest;
  std::string kind;
  bool accepted = false;
  std::string rule;  ///< the refusing rule, empty when accepted
  std::string message;
};

/// The field devices and the (device, sequence) of every record they synced. An accepted record's row
/// is written by RecordAccepted inside the step's own transaction (store::Caller::in_transaction), a
/// rejected record's row in a transaction of its own: a sequence is decided once, and a resent record
/// finds its decision.
class SyncRepository {
 public:
  explicit SyncRepository(const StoreContext& context) : context_(context) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Registers a device, audited. kInvalidArgument for a malformed id, key or label; kNotFound for an
  /// unknown operator; kAlreadyExists for an id taken.
  core::Result<Device> Register(Device device, const Caller& caller);
  /// kNotFound when no device has this id.
  core::Result<Device> Find(const std::string& id);
  /// The decision for (device, sequence), if any.
  std::optional<SyncDecision> Decision(const std::string& device, std::int64_t sequence);
  /// The decisions stored for any of `sequences` of `device`, by sequence: one query for a batch.
  std::map<std::int64_t, SyncDecision> Decisions(const std::string& device, const std::vector<std::int64_t>& sequences);

  /// The in-transaction hook of an accepted record. Throws pqxx::unique_violation when a concurrent
  /// sync decided the same sequence first, which aborts the step.
  void RecordAccepted(pqxx::work& tx, const std::string& device, std::int64_t sequence, const SyncDecision& decision);
  /// RecordAccepted for many records of one device with one statement (a batch applied set-based).
  void RecordAcceptedMany(pqxx::work& tx, const std::string& device,
                          const std::vector<std::pair<std::int64_t, const SyncDecision*>>& decisions);
  /// Stores a rejection and raises `anomaly` (a warning, e.g. a double spend) in one transaction. False
  /// when the sequence was already decided (a concurrent sync of the same record).
  bool RecordRejected(const std::string& device, std::int64_t sequence, const SyncDecision& decision,
                      const std::optional<RuleOutcome>& anomaly, const Caller& caller);

 private:
  const StoreContext& context_;
};

}  // namespace greenlane::timber::store
