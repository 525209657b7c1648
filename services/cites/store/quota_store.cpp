#include "store/quota_store.h"

#include <algorithm>

#include "domain/problem.h"
#include "domain/species.h"

namespace greenlane::cites {
namespace {

constexpr const char* kColumns = "scientific_name, country, year, quantity::text, unit, used::text";
constexpr const char* kGet = "cites_quota_get";
const std::string kGetSql =
    std::string("SELECT ") + kColumns + " FROM cites.quotas WHERE name_key = $1 AND country = $2 AND year = $3";
constexpr const char* kGetForUpdate = "cites_quota_get_for_update";
const std::string kGetForUpdateSql = kGetSql + " FOR UPDATE";
constexpr const char* kUpsert = "cites_quota_upsert";
constexpr const char* kUpsertSql =
    "INSERT INTO cites.quotas (name_key, scientific_name, country, year, quantity, unit, used, updated_at) "
    "VALUES ($1, $2, $3, $4, $5::numeric, $6, 0, $7::timestamptz) ON CONFLICT (name_key, country, year) DO UPDATE "
    "SET scientific_name = EXCLUDED.scientific_name, quantity = EXCLUDED.quantity, unit = EXCLUDED.unit, "
    "updated_at = EXCLUDED.updated_at";
constexpr const char* kSaveUsed = "cites_quota_save_used";
constexpr const char* kSaveUsedSql =
    "UPDATE cites.quotas SET used = $4::numeric WHERE name_key = $1 AND country = $2 AND year = $3";
constexpr const char* kList = "cites_quota_list";
const std::string kListSql = std::string("SELECT ") + kColumns +
                             " FROM cites.quotas WHERE ($1 = '' OR country = $1) AND ($2 = 0 OR year = $2) "
                             "ORDER BY year DESC, country, name_key";

Quantity Exact(const pqxx::field& field) {
  auto quantity = Quantity::Parse(field.as<std::string>(), "quota");
  if (!quantity.ok())
    throw core::GreenlaneException(core::Error::Internal("stored quota: " + quantity.error().message));
  return *quantity;
}

QuotaRow RowOf(const pqxx::row& row) {
  return {{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<int>()},
          {Exact(row[3]), row[4].as<std::string>(), Exact(row[5])}};
}

nlohmann::json QuotaJson(const QuotaRow& row) {
  return {
      {"scientific_name", row.key.scientific_name}, {"country", row.key.country}, {"year", row.key.year},
      {"quantity", row.quota.annual.ToString()},    {"unit", row.quota.unit},     {"used", row.quota.used.ToString()}};
}

std::string Describe(const QuotaKey& key) {
  return key.scientific_name + " from " + key.country + " in " + std::to_string(key.year);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> QuotaStore::PreparedStatements() {
  return {{kGet, kGetSql},
          {kGetForUpdate, kGetForUpdateSql},
          {kUpsert, kUpsertSql},
          {kSaveUsed, kSaveUsedSql},
          {kList, kListSql}};
}

core::Result<QuotaRow> QuotaStore::Set(const QuotaKey& key, Quantity quantity, const std::string& unit,
                                       const Actor& actor) {
  if (key.scientific_name.empty() || key.country.size() != 2 || key.year < 1975 || key.year > 9999) {
    return core::Error::InvalidArgument("quota", "a quota needs a scientific name, an ISO country code and a year");
  }
  if (quantity.IsNegative()) return core::Error::InvalidArgument("quota.quantity", "must not be negative");
  if (unit.empty()) return core::Error::InvalidArgument("quota.unit", "the unit the quota is counted in is required");
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const std::string name_key = NormalizedName(key.scientific_name);
  const auto before_rows = tx.exec_prepared(kGetForUpdate, name_key, key.country, key.year);
  std::optional<QuotaRow> before;
  if (!before_rows.empty()) before = RowOf(before_rows[0]);
  if (before && quantity < before->quota.used) {
    return RuleError("quota.below_used", "quota.quantity",
                     "the quota of " + Describe(key) + " cannot be " + quantity.ToString() + ": endorsements used " +
                         before->quota.used.ToString() + " " + before->quota.unit + " already");
  }
  if (before && !before->quota.used.IsZero() && before->quota.unit != unit) {
    return RuleError("quota.unit", "quota.unit",
                     "the quota of " + Describe(key) + " was drawn on in " + before->quota.unit + ": keep that unit");
  }
  const auto now = clock_.Now();
  tx.exec_prepared(kUpsert, name_key, key.scientific_name, key.country, key.year, quantity.ToString(), unit,
                   PgTimestamp(now));
  QuotaRow after = RowOf(tx.exec_prepared1(kGet, name_key, key.country, key.year));
  audit_.Append(tx,
                {actor.name, "quota.set", "quota", key.country + "/" + std::to_string(key.year) + "/" + name_key,
                 before ? std::optional(QuotaJson(*before)) : std::nullopt, QuotaJson(after), actor.request_id},
                now);
  tx.commit();
  return after;
}

std::vector<QuotaRow> QuotaStore::List(const std::string& country, int year) {
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  std::vector<QuotaRow> rows;
  for (const auto& row : tx.exec_prepared(kList, country, year)) rows.push_back(RowOf(row));
  return rows;
}

QuotaBook QuotaStore::Load(pqxx::transaction_base& tx, std::vector<QuotaKey> keys, bool for_update) {
  for (auto& key : keys) key.scientific_name = NormalizedName(key.scientific_name);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  nlohmann::json quotas = nlohmann::json::array();
  for (const QuotaKey& key : keys) {
    const auto rows = tx.exec_prepared(for_update ? kGetForUpdate : kGet, key.scientific_name, key.country, key.year);
    if (rows.empty()) continue;
    QuotaRow row = RowOf(rows[0]);
    row.key.scientific_name = key.scientific_name;
    quotas.push_back(QuotaJson(row));
  }
  auto book = QuotaBook::FromJson({{"quotas", quotas}});
  if (!book.ok()) throw core::GreenlaneException(core::Error::Internal("stored quotas: " + book.error().message));
  return *book;
}

void QuotaStore::SaveUsed(pqxx::transaction_base& tx, const QuotaBook& book, const std::vector<QuotaKey>& keys) {
  for (const QuotaKey& key : keys) {
    if (const Quota* quota = book.Find(key)) {
      tx.exec_prepared(kSaveUsed, NormalizedName(key.scientific_name), key.country, key.year, quota->used.ToString());
    }
  }
}

}  // namespace greenlane::cites
