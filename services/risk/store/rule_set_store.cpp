#include "store/rule_set_store.h"

#include "store/pg_values.h"

namespace greenlane::risk {
namespace {

// Replicas starting together seed once: the seed runs under this transaction-scoped advisory lock.
constexpr std::int64_t kSeedLock = 0x7269736b5f736565;  // "risk_see"

const std::string kSelect = "SELECT version, document::text, rules, active, " + MicrosOf("activated_at") +
                            ", coalesce(activated_by, '') FROM risk.rule_sets ";
constexpr const char* kActiveVersion = "risk_rule_set_active_version";
constexpr const char* kActiveVersionSql = "SELECT version FROM risk.rule_sets WHERE active";
constexpr const char* kGet = "risk_rule_set_get";
const std::string kGetSql = kSelect + "WHERE version = $1";
constexpr const char* kAny = "risk_rule_set_any";
constexpr const char* kAnySql = "SELECT count(*) FROM risk.rule_sets";
constexpr const char* kInsert = "risk_rule_set_insert";
constexpr const char* kInsertSql =
    "INSERT INTO risk.rule_sets (version, document, rules, created_at, created_by) VALUES ($1, $2::jsonb, $3, "
    "$4::timestamptz, $5) ON CONFLICT (version) DO NOTHING";
constexpr const char* kDeactivate = "risk_rule_set_deactivate";
constexpr const char* kDeactivateSql = "UPDATE risk.rule_sets SET active = false WHERE active";
constexpr const char* kActivate = "risk_rule_set_activate";
constexpr const char* kActivateSql =
    "UPDATE risk.rule_sets SET active = true, activated_at = $2::timestamptz, activated_by = $3 WHERE version = $1";

StoredRuleSet RowToRuleSet(const pqxx::row& row) {
  StoredRuleSet set{row[0].as<std::string>(), nlohmann::json::parse(row[1].as<std::string>()), row[2].as<int>(),
                    row[3].as<bool>()};
  if (!row[4].is_null()) set.activated_at = FromMicros(row[4].as<std::int64_t>());
  set.activated_by = row[5].as<std::string>();
  return set;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> RuleSetStore::PreparedStatements() {
  return {{kActiveVersion, kActiveVersionSql}, {kGet, kGetSql},          {kAny, kAnySql}, {kInsert, kInsertSql},
          {kDeactivate, kDeactivateSql},       {kActivate, kActivateSql}};
}

const char* RuleSetStore::ActiveVersionSql() { return kActiveVersionSql; }

std::optional<std::string> RuleSetStore::ActiveVersion(pqxx::transaction_base& tx) {
  const auto rows = tx.exec_prepared(kActiveVersion);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::optional<std::string> RuleSetStore::ActiveVersion() {
  auto connection = pool_.Acquire();
  // One statement: autocommit, without the BEGIN and COMMIT round trips of a read transaction.
  pqxx::nontransaction tx(*connection);
  return ActiveVersion(tx);
}

std::optional<StoredRuleSet> RuleSetStore::Get(const std::string& version) {
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  const auto rows = tx.exec_prepared(kGet, version);
  if (rows.empty()) return std::nullopt;
  return RowToRuleSet(rows[0]);
}

bool RuleSetStore::SeedIfEmpty(const RuleSet& rules, const nlohmann::json& document, const Actor& actor) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  tx.exec_params("SELECT pg_advisory_xact_lock($1)", kSeedLock);
  if (tx.exec_prepared1(kAny)[0].as<std::int64_t>() > 0) return false;
  const auto now = clock_.Now();
  tx.exec_prepared(kInsert, rules.version, document.dump(), static_cast<int>(rules.rules.size()), PgTimestamp(now),
                   actor.name);
  tx.exec_prepared(kActivate, rules.version, PgTimestamp(now), actor.name);
  audit_.Append(tx,
                {actor.name, "rule_set.activated", "rule_set", rules.version, std::nullopt,
                 nlohmann::json{{"version", rules.version}, {"justification", "first start: the shipped rule set"}},
                 actor.request_id},
                now);
  tx.commit();
  return true;
}

core::Result<StoredRuleSet> RuleSetStore::Activate(const std::optional<std::pair<RuleSet, nlohmann::json>>& candidate,
                                                   const std::string& version, const std::string& justification,
                                                   const Actor& actor) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const auto now = clock_.Now();
  if (candidate) {
    const auto& [rules, document] = *candidate;
    const auto inserted = tx.exec_prepared(kInsert, rules.version, document.dump(),
                                           static_cast<int>(rules.rules.size()), PgTimestamp(now), actor.name);
    if (inserted.affected_rows() == 0 && RowToRuleSet(tx.exec_prepared1(kGet, version)).document != document) {
      return core::Error{
          core::ErrorKind::kAlreadyExists,
          "rule set version '" + version + "' is stored with other rules; give the new set a new version",
          "rule_set_json/version"};
    }
  }
  const auto found = tx.exec_prepared(kGet, version);
  if (found.empty()) return core::Error::NotFound("no rule set version '" + version + "' is stored");
  const auto previous = tx.exec_prepared(kActiveVersion);
  std::optional<nlohmann::json> before;
  if (!previous.empty()) before = nlohmann::json{{"version", previous[0][0].as<std::string>()}};
  tx.exec_prepared(kDeactivate);
  tx.exec_prepared(kActivate, version, PgTimestamp(now), actor.name);
  audit_.Append(tx,
                {actor.name, "rule_set.activated", "rule_set", version, before,
                 nlohmann::json{{"version", version}, {"justification", justification}}, actor.request_id},
                now);
  auto stored = RowToRuleSet(tx.exec_prepared1(kGet, version));
  tx.commit();
  return stored;
}

}  // namespace greenlane::risk
