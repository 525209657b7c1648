#include "greenlane/security/audit_log.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <stdexcept>

#include "audit_log_sql.h"
#include "openssl_util.h"

namespace greenlane::security {
namespace {

constexpr std::string_view kSchemaPlaceholder = "{{schema}}";
constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
constexpr int kVerifyBatchRows = 1000;

// timestamptz in UTC with microseconds, the same text Append hashes, whatever the session TimeZone.
constexpr std::string_view kAtText = R"(to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))";
constexpr std::string_view kColumns =
    "seq, {at}, actor, action, entity_type, entity_id, before_state, after_state, request_id, prev_hash, hash";

// Each query is written once with {schema} and {at} holes; the schema is a validated identifier.
constexpr std::string_view kAppendLockSql = "SELECT pg_advisory_xact_lock($1)";
constexpr std::string_view kAppendLastSql = "SELECT seq, hash FROM {schema}.audit_log ORDER BY seq DESC LIMIT 1";
constexpr std::string_view kAppendInsertSql =
    "INSERT INTO {schema}.audit_log (seq, at, actor, action, entity_type, entity_id, before_state, after_state, "
    "request_id, prev_hash, hash) VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
// AppendMany's rows travel as one JSON array; JSON strings carry every column's text exactly.
constexpr std::string_view kAppendManySql =
    "INSERT INTO {schema}.audit_log (seq, at, actor, action, entity_type, entity_id, before_state, after_state, "
    "request_id, prev_hash, hash) SELECT seq, at::timestamptz, actor, action, entity_type, entity_id, before_state, "
    "after_state, request_id, prev_hash, hash FROM json_to_recordset($1::json) AS r(seq bigint, at text, actor text, "
    "action text, entity_type text, entity_id text, before_state text, after_state text, request_id text, "
    "prev_hash text, hash text)";
constexpr std::string_view kVerifyBatchSql =
    "SELECT {columns} FROM {schema}.audit_log WHERE seq > $1 ORDER BY seq LIMIT $2";
constexpr std::string_view kListSql =
    "SELECT {columns} FROM {schema}.audit_log WHERE seq > $1"
    " AND ($2::text IS NULL OR actor = $2) AND ($3::text IS NULL OR action = $3)"
    " AND ($4::text IS NULL OR entity_type = $4) AND ($5::text IS NULL OR entity_id = $5)"
    " AND ($6::timestamptz IS NULL OR at >= $6::timestamptz) AND ($7::timestamptz IS NULL OR at < $7::timestamptz)"
    " ORDER BY seq LIMIT $8";

std::string ReplaceAll(std::string_view text, std::string_view hole, std::string_view value) {
  std::string out;
  std::size_t start = 0;
  for (std::size_t pos; (pos = text.find(hole, start)) != std::string_view::npos; start = pos + hole.size()) {
    out.append(text.substr(start, pos - start)).append(value);
  }
  out.append(text.substr(start));
  return out;
}

std::string Sql(std::string_view text, const std::string& schema) {
  const std::string columns = ReplaceAll(kColumns, "{at}", kAtText);
  return ReplaceAll(ReplaceAll(text, "{columns}", columns), "{schema}", schema);
}

const std::string& RequireIdentifier(const std::string& schema) {
  const bool valid = !schema.empty() && schema.size() <= 63 && !std::isdigit(static_cast<unsigned char>(schema[0])) &&
                     schema.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
  if (!valid) {
    throw std::invalid_argument("audit log schema \"" + schema +
                                "\" must be a lower-case SQL identifier: a-z, 0-9 and _, not starting with a digit, "
                                "at most 63 characters");
  }
  return schema;
}

/// RFC 3339 in UTC with microseconds (timestamptz's precision), matching kAtText.
std::string FormatMicros(core::TimePoint at) { return core::FormatRfc3339(at, 6); }

/// A row as hashed: the stored text of every column but the hash itself.
struct ChainedRow {
  std::int64_t seq = 0;
  std::string at;
  std::string actor, action, entity_type, entity_id;
  std::optional<std::string> before, after;
  std::string request_id;
  std::string prev_hash;
};

void AppendField(std::string& out, const std::optional<std::string>& value) {
  // Length-prefixed so no choice of contents can make two different rows encode alike.
  if (!value) {
    out += "~;";
    return;
  }
  out += std::to_string(value->size());
  out += ':';
  out += *value;
  out += ';';
}

std::string RowHash(const ChainedRow& row) {
  std::string encoded = "greenlane.audit.v1;";
  AppendField(encoded, std::to_string(row.seq));
  for (const auto* field : {&row.at, &row.actor, &row.action, &row.entity_type, &row.entity_id}) {
    AppendField(encoded, *field);
  }
  AppendField(encoded, row.before);
  AppendField(encoded, row.after);
  AppendField(encoded, row.request_id);
  AppendField(encoded, row.prev_hash);
  const std::string digest = detail::Sha256(encoded);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(digest.size() * 2);
  for (const unsigned char byte : digest) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 15]);
  }
  return hex;
}

std::optional<std::string> Canonical(const std::optional<nlohmann::json>& state) {
  if (!state) return std::nullopt;
  return state->dump();  // nlohmann keeps object keys sorted, so equal JSON dumps to equal text
}

std::optional<std::string> OptionalText(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::string>();
}

// The row to append after the chain's head (seq - 1, prev_hash).
ChainedRow RowOf(std::int64_t seq, std::string prev_hash, const AuditEntry& entry, core::TimePoint at) {
  return ChainedRow{seq,
                    FormatMicros(at),
                    entry.actor,
                    entry.action,
                    entry.entity_type,
                    entry.entity_id,
                    Canonical(entry.before),
                    Canonical(entry.after),
                    entry.request_id,
                    std::move(prev_hash)};
}

ChainedRow ReadRow(const pqxx::row& row) {
  return ChainedRow{row[0].as<std::int64_t>(), row[1].as<std::string>(), row[2].as<std::string>(),
                    row[3].as<std::string>(),  row[4].as<std::string>(), row[5].as<std::string>(),
                    OptionalText(row[6]),      OptionalText(row[7]),     row[8].as<std::string>(),
                    row[9].as<std::string>()};
}

nlohmann::json StateJson(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  auto parsed = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? nlohmann::json(*text) : parsed;  // an edited row may hold anything
}

const char* NullableParam(const std::optional<std::string>& value) { return value ? value->c_str() : nullptr; }

std::int64_t LockKey(const std::string& schema) {
  const std::string digest = detail::Sha256("greenlane.audit_log." + schema);
  std::int64_t key = 0;
  std::memcpy(&key, digest.data(), sizeof key);
  return key;
}

}  // namespace

std::string AuditLogDdl(const std::string& schema) {
  return ReplaceAll(detail::kAuditLogSqlTemplate, kSchemaPlaceholder, RequireIdentifier(schema));
}

AuditLog::AuditLog(std::string schema)
    : schema_(RequireIdentifier(schema)),
      lock_key_(LockKey(schema_)),
      append_last_name_("greenlane_audit_last_" + schema_),
      append_last_sql_(Sql(kAppendLastSql, schema_)),
      append_insert_sql_(Sql(kAppendInsertSql, schema_)),
      append_many_name_("greenlane_audit_append_many_" + schema_),
      append_many_sql_(Sql(kAppendManySql, schema_)),
      verify_batch_sql_(Sql(kVerifyBatchSql, schema_)),
      list_sql_(Sql(kListSql, schema_)) {}

void AuditLog::Lock(pqxx::dbtransaction& tx) const { tx.exec_params(std::string(kAppendLockSql), lock_key_); }

const std::string& AuditLog::Prepared(pqxx::dbtransaction& tx, const std::string& name, const std::string& sql) {
  // Registered with the connection (a no-op once it is) and prepared on its first use there: the
  // group commits that append run these once per group, and planning them each time cost more
  // than running them.
  tx.conn().prepare(name, sql);
  return name;
}

std::pair<std::int64_t, std::string> AuditLog::ChainHead(pqxx::dbtransaction& tx) const {
  const pqxx::result last = tx.exec_prepared(Prepared(tx, append_last_name_, append_last_sql_));
  if (last.empty()) return {0, std::string(kGenesisHash)};
  return {last[0][0].as<std::int64_t>(), last[0][1].as<std::string>()};
}

void AuditLog::Append(pqxx::dbtransaction& tx, const AuditEntry& entry, core::TimePoint at) const {
  Lock(tx);
  auto [last_seq, last_hash] = ChainHead(tx);
  const auto row = RowOf(last_seq + 1, std::move(last_hash), entry, at);
  tx.exec_params(append_insert_sql_, row.seq, row.at, row.actor, row.action, row.entity_type, row.entity_id,
                 NullableParam(row.before), NullableParam(row.after), row.request_id, row.prev_hash, RowHash(row));
}

std::string AuditLog::LockCall(const std::string& schema) {
  return "pg_advisory_xact_lock(" + std::to_string(LockKey(RequireIdentifier(schema))) + ")";
}

void AuditLog::AppendMany(pqxx::dbtransaction& tx, const std::vector<TimedEntry>& entries) const {
  if (entries.empty()) return;
  Lock(tx);
  AppendManyLocked(tx, entries);
}

void AuditLog::AppendManyLocked(pqxx::dbtransaction& tx, const std::vector<TimedEntry>& entries) const {
  if (entries.empty()) return;
  auto [seq, hash] = ChainHead(tx);
  const auto text = [](const std::optional<std::string>& value) { return value ? nlohmann::json(*value) : nullptr; };
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [entry, at] : entries) {
    const auto row = RowOf(++seq, std::move(hash), entry, at);
    hash = RowHash(row);
    rows.push_back({{"seq", row.seq},
                    {"at", row.at},
                    {"actor", row.actor},
                    {"action", row.action},
                    {"entity_type", row.entity_type},
                    {"entity_id", row.entity_id},
                    {"before_state", text(row.before)},
                    {"after_state", text(row.after)},
                    {"request_id", row.request_id},
                    {"prev_hash", row.prev_hash},
                    {"hash", hash}});
  }
  tx.exec_prepared(Prepared(tx, append_many_name_, append_many_sql_), rows.dump());
}

AuditLog::VerifyReport AuditLog::Verify(pqxx::connection& connection) const {
  // One snapshot for every batch, so appends committed meanwhile cannot look like a broken chain.
  pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(connection, "audit-verify");
  VerifyReport report;
  std::int64_t expected_seq = 1;
  std::string previous_hash(kGenesisHash);
  const auto broken = [&](std::int64_t seq, std::string reason) {
    report.ok = false;
    report.first_broken_seq = seq;
    report.reason = std::move(reason);
    return report;
  };
  for (;;) {
    const pqxx::result batch = tx.exec_params(verify_batch_sql_, expected_seq - 1, kVerifyBatchRows);
    for (const auto& record : batch) {
      const ChainedRow row = ReadRow(record);
      if (row.seq != expected_seq) {
        return broken(expected_seq, "seq " + std::to_string(expected_seq) + " is missing (next row is seq " +
                                        std::to_string(row.seq) + "): rows were deleted");
      }
      if (row.prev_hash != previous_hash) {
        return broken(row.seq, "prev_hash of seq " + std::to_string(row.seq) + " is not the hash of seq " +
                                   std::to_string(row.seq - 1) + ": the chain was cut or rewritten");
      }
      const std::string stored_hash = record[10].as<std::string>();
      if (RowHash(row) != stored_hash) {
        return broken(row.seq, "seq " + std::to_string(row.seq) + " does not match its hash: the row was edited");
      }
      previous_hash = stored_hash;
      ++expected_seq;
      ++report.rows_checked;
    }
    if (batch.size() < static_cast<std::size_t>(kVerifyBatchRows)) break;
  }
  tx.commit();
  return report;
}

std::vector<nlohmann::json> AuditLog::List(pqxx::connection& connection, const Query& query) const {
  const int limit = std::clamp(query.limit, 1, kMaxListLimit);
  const auto time_param = [](const std::optional<core::TimePoint>& time) {
    return time ? std::optional<std::string>(FormatMicros(*time)) : std::nullopt;
  };
  const auto since = time_param(query.since);
  const auto until = time_param(query.until);
  pqxx::read_transaction tx(connection, "audit-list");
  const pqxx::result rows =
      tx.exec_params(list_sql_, query.after_seq, NullableParam(query.actor), NullableParam(query.action),
                     NullableParam(query.entity_type), NullableParam(query.entity_id), NullableParam(since),
                     NullableParam(until), limit);
  tx.commit();
  std::vector<nlohmann::json> out;
  out.reserve(rows.size());
  for (const auto& record : rows) {
    const ChainedRow row = ReadRow(record);
    out.push_back({{"seq", row.seq},
                   {"at", row.at},
                   {"actor", row.actor},
                   {"action", row.action},
                   {"entity_type", row.entity_type},
                   {"entity_id", row.entity_id},
                   {"before", StateJson(row.before)},
                   {"after", StateJson(row.after)},
                   {"request_id", row.request_id},
                   {"prev_hash", row.prev_hash},
                   {"hash", record[10].as<std::string>()}});
  }
  return out;
}

}  // namespace greenlane::security
