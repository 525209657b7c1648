#include "store/learning_store.h"

#include <nlohmann/json.hpp>

#include "greenlane/core/uuid.h"
#include "store/pg_values.h"

namespace greenlane::risk {
namespace {

const std::string kLoadProfilesSql = "SELECT " + LearningStore::ProfilesJsonSql("$1");
constexpr const char* kDocument = "risk_declaration_document";
constexpr const char* kDocumentSql = "SELECT document::text FROM risk.declarations WHERE reference = $1";
constexpr const char* kInspected = "risk_inspection_exists";
constexpr const char* kInspectedSql = "SELECT id::text FROM risk.inspections WHERE declaration = $1";
constexpr const char* kInsertInspection = "risk_inspection_insert";
constexpr const char* kInsertInspectionSql =
    "INSERT INTO risk.inspections (id, declaration, assessment_id, result, illicit, random, seized_quantity, "
    "seized_unit, revenue_minor, revenue_currency, notes, inspected_by, recorded_at) VALUES ($1::uuid, $2, "
    "$3::uuid, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::timestamptz)";
constexpr const char* kLearnProfiles = "risk_profiles_learn";
constexpr const char* kLearnProfilesSql =
    "INSERT INTO risk.profiles (dimension, key, inspected, positives, updated_at) SELECT k.dimension, k.key, 1, $2, "
    "$3::timestamptz FROM jsonb_to_recordset($1::jsonb) AS k(dimension text, key text) ON CONFLICT (dimension, key) "
    "DO UPDATE SET inspected = risk.profiles.inspected + 1, positives = risk.profiles.positives + EXCLUDED.positives, "
    "updated_at = EXCLUDED.updated_at";
constexpr const char* kLearnRules = "risk_rule_performance_learn";
constexpr const char* kLearnRulesSql =
    "INSERT INTO risk.rule_performance (rule_id, inspected, positives) SELECT rule_id, 1, $2 FROM "
    "jsonb_array_elements_text($1::jsonb) AS t(rule_id) ON CONFLICT (rule_id) DO UPDATE SET "
    "inspected = risk.rule_performance.inspected + 1, positives = risk.rule_performance.positives + "
    "EXCLUDED.positives";
constexpr const char* kListPerformance = "risk_rule_performance_list";
constexpr const char* kListPerformanceSql =
    "SELECT rule_id, hits, inspected, positives FROM risk.rule_performance WHERE rule_id > $1 ORDER BY rule_id "
    "LIMIT $2";

nlohmann::json InspectionAudit(const InspectionRecord& record) {
  return {{"inspection_id", record.id},
          {"assessment_id", record.assessment_id},
          {"result", InspectionResultName(record.input.result)},
          {"illicit", record.illicit},
          {"seized_quantity", record.input.seized_quantity},
          {"seized_unit", record.input.seized_unit},
          {"revenue_minor", record.input.revenue_minor},
          {"revenue_currency", record.input.revenue_currency}};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> LearningStore::PreparedStatements() {
  return {{kDocument, kDocumentSql},           {kInspected, kInspectedSql},   {kInsertInspection, kInsertInspectionSql},
          {kLearnProfiles, kLearnProfilesSql}, {kLearnRules, kLearnRulesSql}, {kListPerformance, kListPerformanceSql}};
}

nlohmann::json LearningStore::KeysArray(const std::vector<ProfileKey>& keys) {
  auto json = nlohmann::json::array();
  for (const auto& key : keys) json.push_back({{"dimension", ProfileDimensionName(key.dimension)}, {"key", key.key}});
  return json;
}

std::string LearningStore::KeysJson(const std::vector<ProfileKey>& keys) { return KeysArray(keys).dump(); }

std::string LearningStore::ProfilesJsonSql(std::string_view keys) {
  return "(SELECT coalesce(json_agg(json_build_array(p.dimension, p.key, p.inspected, p.positives)), '[]') FROM "
         "risk.profiles p JOIN jsonb_to_recordset(" +
         std::string(keys) +
         "::jsonb) AS k(dimension text, key text) ON p.dimension = k.dimension AND p.key = k.key)::text";
}

ProfileStore LearningStore::ProfilesFromJson(const std::string& json) {
  ProfileStore profiles;
  for (const auto& row : nlohmann::json::parse(json)) {
    const auto dimension = ParseProfileDimension(row.at(0).get<std::string>());
    if (!dimension) continue;  // a dimension a newer model wrote; this one does not score it
    profiles.Set({*dimension, row.at(1).get<std::string>()},
                 {row.at(2).get<std::int64_t>(), row.at(3).get<std::int64_t>()});
  }
  return profiles;
}

ProfileStore LearningStore::LoadProfiles(pqxx::transaction_base& tx, const std::vector<ProfileKey>& keys) {
  if (keys.empty()) return {};
  return ProfilesFromJson(tx.exec_params1(kLoadProfilesSql, KeysJson(keys))[0].as<std::string>());
}

ProfileStore LearningStore::LoadProfiles(const std::vector<ProfileKey>& keys) {
  auto connection = pool_.Acquire();
  // One statement: autocommit, without the BEGIN and COMMIT round trips of a read transaction.
  pqxx::nontransaction tx(*connection);
  return LoadProfiles(tx, keys);
}

core::Result<InspectionRecord> LearningStore::RecordInspection(const InspectionInput& input, const Actor& actor) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  const auto current = AssessmentStore::Current(tx, input.declaration, true);
  if (!current) return core::Error::NotFound("no declaration '" + input.declaration + "' has been assessed");
  if (!tx.exec_prepared(kInspected, input.declaration).empty()) {
    return core::Error{
        core::ErrorKind::kAlreadyExists,
        "the inspection of declaration '" + input.declaration + "' is recorded already; it teaches the profiles once",
        "declaration"};
  }
  const auto declaration =
      ParseDeclaration(nlohmann::json::parse(tx.exec_prepared1(kDocument, input.declaration)[0].as<std::string>()));
  if (!declaration) throw core::GreenlaneException(declaration.error());
  const auto now = clock_.Now();
  InspectionRecord record{core::Uuid::NewV7(clock_).ToString(), current->id, input, IsIllicit(input.result),
                          current->assessment.random,           actor.name,  now};
  const int positive = record.illicit ? 1 : 0;
  tx.exec_prepared(kInsertInspection, record.id, input.declaration, record.assessment_id,
                   std::string(InspectionResultName(input.result)), record.illicit, record.random,
                   input.seized_quantity, input.seized_unit, input.revenue_minor, input.revenue_currency, input.notes,
                   actor.name, PgTimestamp(now));
  tx.exec_prepared(kLearnProfiles, KeysJson(ProfileKeysOf(*declaration)), positive, PgTimestamp(now));
  tx.exec_prepared(kLearnRules, JsonList(PerformanceRuleIds(current->assessment)), positive);
  audit_.Append(tx,
                {actor.name, "declaration.inspected", "declaration", input.declaration, std::nullopt,
                 InspectionAudit(record), actor.request_id},
                now);
  tx.commit();
  return record;
}

std::vector<RulePerformanceRow> LearningStore::ListPerformance(const std::string& after_rule_id, int limit) {
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  std::vector<RulePerformanceRow> rows;
  for (const auto& row : tx.exec_prepared(kListPerformance, after_rule_id, limit)) {
    rows.push_back(
        {row[0].as<std::string>(), row[1].as<std::int64_t>(), row[2].as<std::int64_t>(), row[3].as<std::int64_t>()});
  }
  return rows;
}

}  // namespace greenlane::risk
