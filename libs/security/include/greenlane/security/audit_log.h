#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <utility>
#include <vector>

#include "greenlane/core/clock.h"

namespace greenlane::security {

/// The DDL of `<schema>.audit_log` and the trigger that refuses UPDATE, DELETE and TRUNCATE on it,
/// from the template libs/security/sql/audit_log.sql with its schema placeholder filled in. Services
/// copy the template into a migration; tests run this. Throws std::invalid_argument on a schema name
/// that is not a lower-case SQL identifier.
std::string AuditLogDdl(const std::string& schema);

/// One change of state to record: who did what to which entity, and the entity before and after
/// (nullopt when it did not exist). before/after are stored as canonical JSON (sorted keys, no spaces).
struct AuditEntry {
  std::string actor;
  std::string action;
  std::string entity_type;
  std::string entity_id;
  std::optional<nlohmann::json> before;
  std::optional<nlohmann::json> after;
  std::string request_id;
};

/// The append-only, hash-chained audit log of one service schema (DESIGN §7). Row n carries the
/// hash of row n-1, and its own hash covers every column, so editing a row breaks its hash and
/// deleting one breaks the chain; Verify finds both. Chaining cannot reveal rows cut off the end of
/// the log, nor a full rewrite by someone able to recompute every later hash: periodically publishing
/// the latest hash elsewhere closes that gap.
class AuditLog {
 public:
  /// Throws std::invalid_argument on a schema name that is not a lower-case SQL identifier.
  explicit AuditLog(std::string schema);

  /// Appends `entry` in the caller's transaction, so the record commits or rolls back with the change
  /// it describes. Appends are serialised with a transaction-scoped advisory lock, so seq is gapless
  /// (last + 1, no sequence object) and each row chains to the one committed before it. Needs READ
  /// COMMITTED (pqxx::work's default): a snapshot older than the lock would not see the previous row.
  /// `at` is kept to the microsecond, the precision of timestamptz.
  void Append(pqxx::dbtransaction& tx, const AuditEntry& entry, core::TimePoint at) const;

  struct TimedEntry {
    AuditEntry entry;
    core::TimePoint at;
  };
  /// Append for many entries at once, chained in order: one pass through the lock and one insert for
  /// all of them, so a transaction recording a batch of changes pays three round trips instead of
  /// three per change. Nothing runs when `entries` is empty.
  void AppendMany(pqxx::dbtransaction& tx, const std::vector<TimedEntry>& entries) const;

  /// AppendMany in two steps, for a caller that takes the append lock inside a statement of its own
  /// (a group commit saving a round trip): LockCall(schema) is an SQL call expression that takes the
  /// lock of `schema`'s log until the transaction ends; after a statement that ran it has completed,
  /// AppendManyLocked reads the chain's head (with a snapshot taken after the lock) and appends.
  static std::string LockCall(const std::string& schema);
  void AppendManyLocked(pqxx::dbtransaction& tx, const std::vector<TimedEntry>& entries) const;

  struct VerifyReport {
    bool ok = true;
    std::int64_t rows_checked = 0;
    std::optional<std::int64_t> first_broken_seq;
    std::string reason;  ///< empty when ok
  };

  /// Reads the whole log in seq order, in batches, from one consistent snapshot, and recomputes the
  /// chain. Names the first broken seq and why: a missing seq (deleted rows), a prev_hash that is not
  /// the previous row's hash, or a hash that does not match the row's content (an edited row).
  VerifyReport Verify(pqxx::connection& connection) const;

  struct Query {
    std::optional<std::string> actor, action, entity_type, entity_id;
    std::optional<core::TimePoint> since, until;  ///< since inclusive, until exclusive
    std::int64_t after_seq = 0;                   ///< keyset paging: the last seq of the previous page
    int limit = 50;                               ///< clamped to 1..kMaxListLimit
  };
  static constexpr int kMaxListLimit = 500;

  /// Rows matching `query`, ordered by seq, as JSON objects: seq, at (RFC 3339, microseconds), actor,
  /// action, entity_type, entity_id, before, after (JSON or null), request_id, prev_hash, hash. The
  /// next page starts after the last seq returned (GET /v1/audit).
  std::vector<nlohmann::json> List(pqxx::connection& connection, const Query& query) const;

  const std::string& schema() const { return schema_; }

 private:
  /// Takes the append lock until `tx` ends.
  void Lock(pqxx::dbtransaction& tx) const;
  /// The newest row's seq and hash (0 and the genesis hash when empty), for a transaction that
  /// holds the append lock.
  std::pair<std::int64_t, std::string> ChainHead(pqxx::dbtransaction& tx) const;
  /// `name`, defined as `sql` on the transaction's connection.
  static const std::string& Prepared(pqxx::dbtransaction& tx, const std::string& name, const std::string& sql);

  std::string schema_;
  std::int64_t lock_key_;
  std::string append_last_name_;
  std::string append_last_sql_;
  std::string append_insert_sql_;
  std::string append_many_name_;
  std::string append_many_sql_;
  std::string verify_batch_sql_;
  std::string list_sql_;
};

}  // namespace greenlane::security
