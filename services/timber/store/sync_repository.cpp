#include "store/sync_repository.h"

#include <nlohmann/json.hpp>

#include "greenlane/core/uuid.h"
#include "store/findings.h"
#include "store/sql_time.h"

namespace greenlane::timber::store {
namespace {

// Keys and digests travel as hex text: libpqxx 6.4 has no binary parameters for exec_prepared.
constexpr const char* kInsertDevice = "timber_device_insert";
constexpr const char* kInsertDeviceSql =
    "INSERT INTO timber.devices (id, public_key, operator_id, owner, label, registered_by, registered_at) "
    "VALUES ($1, decode($2, 'hex'), $3::uuid, NULLIF($4, ''), $5, $6, $7::timestamptz) "
    "ON CONFLICT (id) DO NOTHING RETURNING id";

constexpr const char* kOperatorKnown = "timber_device_operator_known";
constexpr const char* kOperatorKnownSql = "SELECT EXISTS (SELECT 1 FROM timber.operators WHERE id = $1::uuid)";

constexpr const char* kFindDevice = "timber_device_find";
constexpr const char* kFindDeviceSql =
    "SELECT id, encode(public_key, 'hex'), operator_id::text, coalesce(owner, ''), label, "
    "(extract(epoch FROM registered_at) * 1000000)::bigint FROM timber.devices WHERE id = $1";

constexpr const char* kDecision = "timber_sync_decision";
constexpr const char* kDecisionSql =
    "SELECT encode(digest, 'hex'), kind, outcome = 'accepted', rule, message FROM timber.sync_records "
    "WHERE device = $1 AND sequence = $2";

constexpr const char* kDecisions = "timber_sync_decisions";
constexpr const char* kDecisionsSql =
    "SELECT sequence, encode(digest, 'hex'), kind, outcome = 'accepted', rule, message FROM timber.sync_records "
    "WHERE device = $1 AND sequence = ANY($2::bigint[])";

constexpr const char* kInsertAcceptedMany = "timber_sync_accepted_many";
constexpr const char* kInsertAcceptedManySql =
    "INSERT INTO timber.sync_records (device, sequence, digest, kind, outcome, synced_at) "
    "SELECT $1, t.sequence, decode(t.digest, 'hex'), t.kind, 'accepted', $3::timestamptz "
    "FROM json_to_recordset($2::json) AS t(sequence bigint, digest text, kind text)";

constexpr const char* kInsertAccepted = "timber_sync_accepted";
constexpr const char* kInsertAcceptedSql =
    "INSERT INTO timber.sync_records (device, sequence, digest, kind, outcome, synced_at) "
    "VALUES ($1, $2, decode($3, 'hex'), $4, 'accepted', $5::timestamptz)";

constexpr const char* kInsertRejected = "timber_sync_rejected";
constexpr const char* kInsertRejectedSql =
    "INSERT INTO timber.sync_records (device, sequence, digest, kind, outcome, rule, message, synced_at) "
    "VALUES ($1, $2, decode($3, 'hex'), $4, 'rejected', $5, $6, $7::timestamptz) "
    "ON CONFLICT (device, sequence) DO NOTHING RETURNING sequence";

std::string Hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0xf];
  }
  return out;
}

std::string Unhex(const std::string& hex) {
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return out;
}

// A decision read from the select list of kDecision, starting at column `first`.
SyncDecision RowToDecision(const pqxx::row& row, pqxx::row::size_type first) {
  return {.digest = row[first].as<std::string>(),
          .kind = row[first + 1].as<std::string>(),
          .accepted = row[first + 2].as<bool>(),
          .rule = row[first + 3].as<std::string>(),
          .message = row[first + 4].as<std::string>()};
}

bool IsDeviceId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    const bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> SyncRepository::PreparedStatements() {
  return {{kInsertDevice, kInsertDeviceSql},     {kOperatorKnown, kOperatorKnownSql},
          {kFindDevice, kFindDeviceSql},         {kDecision, kDecisionSql},
          {kInsertAccepted, kInsertAcceptedSql}, {kInsertRejected, kInsertRejectedSql},
          {kDecisions, kDecisionsSql},           {kInsertAcceptedMany, kInsertAcceptedManySql}};
}

core::Result<Device> SyncRepository::Register(Device device, const Caller& caller) {
  if (!IsDeviceId(device.id)) {
    return core::Error::InvalidArgument("device.id", "'" + device.id + "' is not 1 to 64 of A-Z a-z 0-9 . _ -");
  }
  if (device.public_key.size() != 32) {
    return core::Error::InvalidArgument("device.public_key_pem", "is not an Ed25519 public key (32 bytes)");
  }
  if (device.label.size() > 200) return core::Error::InvalidArgument("device.label", "at most 200 characters");
  if (device.owner.size() > 200) return core::Error::InvalidArgument("device.owner", "at most 200 characters");
  if (!core::Uuid::Parse(device.operator_id)) {
    return core::Error::InvalidArgument("device.operator_id", "'" + device.operator_id + "' is not a UUID");
  }
  device.registered_at = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  if (!tx.exec_prepared(kOperatorKnown, device.operator_id)[0][0].as<bool>()) {
    return core::Error::NotFound("no operator with id '" + device.operator_id + "'");
  }
  if (tx.exec_prepared(kInsertDevice, device.id, Hex(device.public_key), device.operator_id, device.owner, device.label,
                       caller.actor, SqlTime(device.registered_at))
          .empty()) {
    return core::Error{core::ErrorKind::kAlreadyExists,
                       "a device '" + device.id +
                           "' is already registered; "
                           "give a new device a new id",
                       "device.id"};
  }
  context_.audit.Append(tx,
                        {caller.actor, "device.registered", "device", device.id, std::nullopt,
                         nlohmann::json{{"public_key", Hex(device.public_key)},
                                        {"operator_id", device.operator_id},
                                        {"owner", device.owner},
                                        {"label", device.label}},
                         caller.request_id},
                        device.registered_at);
  CommitStep(tx, caller);
  return device;
}

core::Result<Device> SyncRepository::Find(const std::string& id) {
  auto connection = context_.pool.Acquire();
  pqxx::read_transaction tx(*connection);
  const auto rows = tx.exec_prepared(kFindDevice, id);
  if (rows.empty()) return core::Error::NotFound("no field device '" + id + "' is registered; register it first");
  const auto& row = rows[0];
  return Device{.id = row[0].as<std::string>(),
                .public_key = Unhex(row[1].as<std::string>()),
                .operator_id = row[2].as<std::string>(),
                .owner = row[3].as<std::string>(),
                .label = row[4].as<std::string>(),
                .registered_at = TimeFromMicros(row[5].as<std::int64_t>())};
}

std::optional<SyncDecision> SyncRepository::Decision(const std::string& device, std::int64_t sequence) {
  auto connection = context_.pool.Acquire();
  pqxx::read_transaction tx(*connection);
  const auto rows = tx.exec_prepared(kDecision, device, sequence);
  if (rows.empty()) return std::nullopt;
  return RowToDecision(rows[0], 0);
}

std::map<std::int64_t, SyncDecision> SyncRepository::Decisions(const std::string& device,
                                                               const std::vector<std::int64_t>& sequences) {
  std::map<std::int64_t, SyncDecision> decisions;
  if (sequences.empty()) return decisions;
  std::string array = "{";
  for (const auto sequence : sequences) array += (array.size() > 1 ? "," : "") + std::to_string(sequence);
  array += "}";
  auto connection = context_.pool.Acquire();
  pqxx::read_transaction tx(*connection);
  for (const auto& row : tx.exec_prepared(kDecisions, device, array)) {
    decisions.emplace(row[0].as<std::int64_t>(), RowToDecision(row, 1));
  }
  return decisions;
}

void SyncRepository::RecordAccepted(pqxx::work& tx, const std::string& device, std::int64_t sequence,
                                    const SyncDecision& decision) {
  tx.exec_prepared(kInsertAccepted, device, sequence, decision.digest, decision.kind, SqlTime(context_.clock.Now()));
}

void SyncRepository::RecordAcceptedMany(pqxx::work& tx, const std::string& device,
                                        const std::vector<std::pair<std::int64_t, const SyncDecision*>>& decisions) {
  if (decisions.empty()) return;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [sequence, decision] : decisions) {
    rows.push_back({{"sequence", sequence}, {"digest", decision->digest}, {"kind", decision->kind}});
  }
  tx.exec_prepared(kInsertAcceptedMany, device, rows.dump(), SqlTime(context_.clock.Now()));
}

bool SyncRepository::RecordRejected(const std::string& device, std::int64_t sequence, const SyncDecision& decision,
                                    const std::optional<RuleOutcome>& anomaly, const Caller& caller) {
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  if (tx.exec_prepared(kInsertRejected, device, sequence, decision.digest, decision.kind, decision.rule,
                       decision.message, SqlTime(context_.clock.Now()))
          .empty()) {
    return false;
  }
  if (anomaly) {
    Findings findings;
    // A warning is kept, never refused.
    if (auto kept = findings.Judge(*anomaly); !kept.ok()) throw core::GreenlaneException(kept.error());
    findings.Raise(tx, context_, caller);
  }
  tx.commit();
  return true;
}

}  // namespace greenlane::timber::store
