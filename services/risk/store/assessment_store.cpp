#include "store/assessment_store.h"

#include <algorithm>
#include <array>
#include <set>

#include "greenlane/core/uuid.h"
#include "greenlane/events/outbox.h"
#include "store/evidence_store.h"
#include "store/pg_values.h"

namespace greenlane::risk {
namespace {

constexpr const char* kSchema = "risk";
constexpr const char* kTopic = "risk.assessment.made";

// The assessment in force with its declaration's owners and reroutes, in the order StoredFromRow
// reads, for the reference the SQL expression `reference` gives.
std::string CurrentSelect(std::string_view reference) {
  return "SELECT a.id::text, a.view::text, a.risk, a.lane, array_to_json(d.owners)::text, d.document_sha256, "
         "(SELECT coalesce(json_agg(json_build_object('from', r.from_lane, 'to', r.to_lane, 'justification', "
         "r.justification, 'actor', r.actor, 'at', " +
         MicrosOf("r.at") +
         ") ORDER BY r.at, r.id), '[]') FROM risk.reroutes r WHERE r.assessment_id = a.id)::text "
         "FROM risk.declarations d JOIN risk.assessments a ON a.declaration = d.reference AND a.current "
         "WHERE d.reference = " +
         std::string(reference);
}
const std::string kCurrentSelect = CurrentSelect("$1");
constexpr const char* kCurrent = "risk_assessment_current";
constexpr const char* kCurrentForUpdate = "risk_assessment_current_for_update";
constexpr const char* kLockDeclaration = "risk_declaration_lock";
constexpr const char* kLockDeclarationSql =
    "SELECT document_sha256, array_to_json(owners)::text FROM risk.declarations WHERE reference = $1 FOR UPDATE";
// Parameters $1..$13: DeclarationParams.
const std::string kDeclarationInsertSql =
    "INSERT INTO risk.declarations (reference, type, customs_office, declarant, importer, exporter, containers, "
    "owners, lodged_at, document, document_sha256, received_at, updated_at, barcodes) VALUES ($1, $2, $3, $4, $5, "
    "$6, ARRAY(SELECT jsonb_array_elements_text($7::jsonb)), ARRAY(SELECT jsonb_array_elements_text($8::jsonb)), "
    "$9::timestamptz, $10::jsonb, $11, $12::timestamptz, $12::timestamptz, "
    "ARRAY(SELECT jsonb_array_elements_text($13::jsonb)))";
constexpr const char* kUpsertDeclaration = "risk_declaration_upsert";
const std::string kUpsertDeclarationSql =
    kDeclarationInsertSql +
    " ON CONFLICT (reference) DO UPDATE SET "
    "type = EXCLUDED.type, customs_office = EXCLUDED.customs_office, declarant = EXCLUDED.declarant, "
    "importer = EXCLUDED.importer, exporter = EXCLUDED.exporter, containers = EXCLUDED.containers, "
    "owners = EXCLUDED.owners, lodged_at = EXCLUDED.lodged_at, document = EXCLUDED.document, "
    "document_sha256 = EXCLUDED.document_sha256, updated_at = EXCLUDED.updated_at, barcodes = EXCLUDED.barcodes";
constexpr const char* kRetire = "risk_assessment_retire";
constexpr const char* kRetireSql = "UPDATE risk.assessments SET current = false WHERE declaration = $1 AND current";
constexpr const char* kInsertAssessment = "risk_assessment_insert";
constexpr const char* kAssessmentColumns =
    "risk.assessments (id, declaration, current, assessed_at, score, risk, selected_lane, lane, mandatory, random, "
    "capacity, rule_set_version, model_version, evidence_references, view, checks)";
// Parameters $1..$14: AssessmentParams.
const std::string kInsertAssessmentSql = "INSERT INTO " + std::string(kAssessmentColumns) +
                                         " VALUES ($1::uuid, $2, true, $3::timestamptz, $4, $5, $6, $6, $7, $8, $9, "
                                         "$10, $11, ARRAY(SELECT jsonb_array_elements_text($12::jsonb)), $13::jsonb, "
                                         "$14::jsonb)";
// Most declarations are new: those of a whole group of saves, with their assessments, in one
// statement (one execution and one round trip per group instead of per save), which skips every
// reference that exists and answers the references it stored. $1 is a JSON array of rows, each the
// DeclarationParams then the AssessmentParams (r->0 .. r->26): strings, except the parameters that
// are JSON already (kJsonParams), which are embedded as they are. The group's first statement, it
// also takes the evidence gate (EvidenceStore::GateSharedSql) for the group's transaction.
constexpr const char* kInsertNew = "risk_declarations_insert_new";
const std::string kInsertNewSql =
    "WITH gate AS MATERIALIZED (SELECT " + EvidenceStore::GateSharedSql() +
    "), input AS (SELECT r FROM gate, jsonb_array_elements($1::jsonb) AS t(r)), "
    "d AS (INSERT INTO risk.declarations (reference, type, customs_office, declarant, importer, exporter, containers, "
    "owners, lodged_at, document, document_sha256, received_at, updated_at, barcodes) SELECT r->>0, r->>1, r->>2, "
    "r->>3, r->>4, r->>5, ARRAY(SELECT jsonb_array_elements_text(r->6)), ARRAY(SELECT "
    "jsonb_array_elements_text(r->7)), "
    "(r->>8)::timestamptz, r->9, r->>10, (r->>11)::timestamptz, (r->>11)::timestamptz, "
    "ARRAY(SELECT jsonb_array_elements_text(r->12)) FROM input ON CONFLICT (reference) DO NOTHING RETURNING reference) "
    "INSERT INTO " +
    std::string(kAssessmentColumns) +
    " SELECT (r->>13)::uuid, d.reference, true, (r->>15)::timestamptz, (r->>16)::integer, (r->>17)::double precision, "
    "r->>18, r->>18, (r->>19)::boolean, (r->>20)::boolean, (r->>21)::boolean, r->>22, r->>23, "
    "ARRAY(SELECT jsonb_array_elements_text(r->24)), r->25, r->26 FROM input JOIN d ON d.reference = input.r->>0 "
    "RETURNING declaration";
// The positions in a kInsertNew row of the containers, owners, document, barcodes, evidence
// references, view and checks: JSON texts already, so escaping them into strings for the statement
// to parse back would cost a dump and a parse of each.
constexpr std::array<std::size_t, 7> kJsonParams = {6, 7, 9, 12, 24, 25, 26};
// The rule hits of a whole group of saves, $1 a JSON object of counts by rule id: one row version
// per rule and group, where a statement per save rewrote each hot rule's row once per declaration
// in the same transaction. The object's keys come sorted, so concurrent groups lock in one order.
const std::string kCountHitsSql =
    "INSERT INTO risk.rule_performance (rule_id, hits) SELECT key, value::bigint FROM jsonb_each_text($1::jsonb) "
    "ON CONFLICT (rule_id) DO UPDATE SET hits = risk.rule_performance.hits + EXCLUDED.hits";
// What saves write once they are in, but their audit rows, in one statement: the rule hits
// (kCountHitsSql, $1), the events (events::OutboxInsertSql, $3..$5) and the audit chain's lock, and it
// answers which saves have more evidence linked now than their assessments read ($2 a JSON array of
// [reference, containers, barcodes, records read]). It runs after kInsertNew took the evidence gate,
// so its snapshot is later than the gate; the audit rows follow (AuditLog::AppendManyLocked).
constexpr const char* kGroupRecords = "risk_group_records";
const std::string kGroupRecordsSql =
    "WITH hits AS (" + kCountHitsSql + "), outbox AS (" + events::OutboxInsertSql(kSchema, "$3", "$4", "$5") +
    "), chain AS MATERIALIZED (SELECT " + security::AuditLog::LockCall(kSchema) +
    ") SELECT q->>0 FROM chain, jsonb_array_elements($2::jsonb) AS t(q) WHERE " +
    EvidenceStore::LinkedCountSql("(q->>0)", "(q->1)", "(q->2)") + " > (q->>3)::bigint";
constexpr const char* kSetLane = "risk_assessment_set_lane";
constexpr const char* kSetLaneSql = "UPDATE risk.assessments SET lane = $2 WHERE id = $1::uuid";
constexpr const char* kInsertReroute = "risk_reroute_insert";
constexpr const char* kInsertRerouteSql =
    "INSERT INTO risk.reroutes (id, assessment_id, from_lane, to_lane, justification, actor, at) VALUES "
    "($1::uuid, $2::uuid, $3, $4, $5, $6, $7::timestamptz)";
constexpr const char* kRecent = "risk_declarations_recent";
constexpr const char* kRecentSql =
    "SELECT d.document::text, a.checks::text FROM risk.declarations d JOIN risk.assessments a "
    "ON a.declaration = d.reference AND a.current ORDER BY d.updated_at DESC, d.reference LIMIT $1";
// Late evidence, unprepared (a rare path). && (overlap) is what the GIN indexes on containers and
// barcodes serve.
constexpr const char* kLockReceivedSinceSql =
    "SELECT d.reference FROM risk.declarations d WHERE (d.reference IN (SELECT jsonb_array_elements_text($1::jsonb)) "
    "OR d.containers && ARRAY(SELECT jsonb_array_elements_text($2::jsonb)) "
    "OR d.barcodes && ARRAY(SELECT jsonb_array_elements_text($3::jsonb))) AND d.received_at >= $4::timestamptz "
    "ORDER BY d.reference FOR UPDATE";
constexpr const char* kAssessedSql =
    "SELECT d.document::text, a.checks::text, EXISTS (SELECT 1 FROM risk.inspections i WHERE i.declaration = "
    "d.reference), array_to_json(d.barcodes)::text FROM risk.declarations d JOIN risk.assessments a "
    "ON a.declaration = d.reference AND a.current WHERE d.reference = $1";
constexpr const char* kOfficeOf = "risk_declaration_office";
constexpr const char* kOfficeOfSql = "SELECT customs_office FROM risk.declarations WHERE reference = $1";

Lane LaneOf(const std::string& name) {
  const auto lane = ParseLane(name);
  if (!lane) throw core::GreenlaneException(core::Error::Internal("unknown lane '" + name + "' in risk.assessments"));
  return *lane;
}

std::vector<std::string> DeclarationParams(const NewAssessment& next, core::TimePoint now) {
  const auto& d = next.declaration;
  return {d.functional_reference_id,
          std::string(DeclarationTypeName(d.type)),
          d.customs_office,
          d.declarant,
          d.importer,
          d.exporter,
          JsonList(d.containers),
          JsonList(next.owners),
          PgTimestamp(d.lodged_at),
          next.document,
          next.document_sha256,
          PgTimestamp(now),
          JsonList(next.barcodes)};
}

std::vector<std::string> AssessmentParams(const StoredAssessment& stored, const NewAssessment& next) {
  const auto& a = stored.assessment;
  return {stored.id,
          next.declaration.functional_reference_id,
          PgTimestamp(a.assessed_at),
          pqxx::to_string(a.score),
          pqxx::to_string(a.risk),
          std::string(LaneName(a.lane)),
          pqxx::to_string(a.mandatory),
          pqxx::to_string(a.random),
          pqxx::to_string(a.capacity),
          a.rule_set_version,
          a.model_version,
          JsonList(a.evidence_references),
          ToJson(a, Audience::kOfficer).dump(),
          ToJson(next.checks).dump()};
}

nlohmann::json LaneAudit(const StoredAssessment& stored) {
  return {{"assessment_id", stored.id},
          {"lane", LaneName(stored.lane)},
          {"score", stored.assessment.score},
          {"rule_set_version", stored.assessment.rule_set_version}};
}

// One kInsertNew row, as JSON text.
void AppendRow(std::string& rows, const std::vector<std::string>& declaration_params,
               const std::vector<std::string>& assessment_params) {
  rows += '[';
  std::size_t position = 0;
  for (const auto* params : {&declaration_params, &assessment_params}) {
    for (const auto& param : *params) {
      if (position > 0) rows += ',';
      const bool json = std::find(kJsonParams.begin(), kJsonParams.end(), position++) != kJsonParams.end();
      rows += json ? param : nlohmann::json(param).dump();
    }
  }
  rows += ']';
}

}  // namespace

std::string AssessmentStore::CurrentSelectSql(std::string_view reference) { return CurrentSelect(reference); }

StoredAssessment AssessmentStore::StoredFromRow(const pqxx::row& row) {
  StoredAssessment stored;
  stored.id = row[0].as<std::string>();
  stored.assessment = AssessmentFromJson(nlohmann::json::parse(row[1].as<std::string>()), row[2].as<double>());
  stored.lane = LaneOf(row[3].as<std::string>());
  stored.owners = FromJsonList(row[4].as<std::string>());
  stored.document_sha256 = row[5].as<std::string>();
  for (const auto& reroute : nlohmann::json::parse(row[6].as<std::string>())) {
    stored.reroutes.push_back({LaneOf(reroute.at("from").get<std::string>()),
                               LaneOf(reroute.at("to").get<std::string>()),
                               reroute.at("justification").get<std::string>(), reroute.at("actor").get<std::string>(),
                               FromMicros(reroute.at("at").get<std::int64_t>())});
  }
  return stored;
}

std::vector<std::pair<std::string, std::string>> AssessmentStore::PreparedStatements() {
  return {{kCurrent, kCurrentSelect},
          {kCurrentForUpdate, kCurrentSelect + " FOR UPDATE OF a"},
          {kLockDeclaration, kLockDeclarationSql},
          {kUpsertDeclaration, kUpsertDeclarationSql},
          {kRetire, kRetireSql},
          {kInsertAssessment, kInsertAssessmentSql},
          {kInsertNew, kInsertNewSql},
          {kGroupRecords, kGroupRecordsSql},
          {kSetLane, kSetLaneSql},
          {kInsertReroute, kInsertRerouteSql},
          {kRecent, kRecentSql},
          {kOfficeOf, kOfficeOfSql}};
}

nlohmann::json AssessmentEvent(const StoredAssessment& stored, const std::string& customs_office) {
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& reason : stored.assessment.reasons) rules.push_back(reason.rule_id);
  return {{"assessment_id", stored.id},
          {"declaration", stored.assessment.declaration},
          {"customs_office", customs_office},
          {"lane", LaneName(stored.lane)},
          {"selected_lane", LaneName(stored.assessment.lane)},
          {"score", stored.assessment.score},
          {"mandatory", stored.assessment.mandatory},
          {"random", stored.assessment.random},
          {"rerouted", !stored.reroutes.empty()},
          {"rule_ids", std::move(rules)},
          {"rule_set_version", stored.assessment.rule_set_version},
          {"model_version", stored.assessment.model_version},
          {"assessed_at", core::FormatRfc3339(stored.assessment.assessed_at)}};
}

std::optional<StoredAssessment> AssessmentStore::Current(const std::string& reference) {
  auto connection = pool_.Acquire();
  // One statement: autocommit, without the BEGIN and COMMIT round trips of a read transaction.
  pqxx::nontransaction tx(*connection);
  return Current(tx, reference, false);
}

std::optional<StoredAssessment> AssessmentStore::Current(pqxx::transaction_base& tx, const std::string& reference,
                                                         bool for_update) {
  const auto rows = tx.exec_prepared(for_update ? kCurrentForUpdate : kCurrent, reference);
  if (rows.empty()) return std::nullopt;
  return StoredFromRow(rows[0]);
}

AssessmentStore::PreparedSave AssessmentStore::Prepare(const NewAssessment& next) const {
  const auto now = clock_.Now();
  StoredAssessment stored{core::Uuid::NewV7(clock_).ToString(),
                          next.assessment,
                          next.assessment.lane,
                          {},
                          next.owners,
                          next.document_sha256};
  auto declaration_params = DeclarationParams(next, now);
  auto assessment_params = AssessmentParams(stored, next);
  return {std::move(stored), now, std::move(declaration_params), std::move(assessment_params)};
}

std::vector<bool> AssessmentStore::InsertNew(pqxx::dbtransaction& tx, const std::vector<PendingSave*>& batch) {
  // A reference twice in the group: its first save may be new, the others are amendments of it.
  std::set<std::string> seen;
  std::string rows = "[";
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (!seen.insert(batch[i]->next.declaration.functional_reference_id).second) continue;
    if (rows.size() > 1) rows += ',';
    AppendRow(rows, batch[i]->prepared.declaration_params, batch[i]->prepared.assessment_params);
  }
  rows += ']';
  std::set<std::string> stored;
  for (const auto& row : tx.exec_prepared(kInsertNew, rows)) stored.insert(row[0].as<std::string>());
  std::vector<bool> inserted(batch.size(), false);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    // Only the first save of a reference was in the statement (erase: the next ones were not).
    inserted[i] = stored.erase(batch[i]->next.declaration.functional_reference_id) > 0;
  }
  return inserted;
}

core::Result<StoredAssessment> AssessmentStore::SaveIn(pqxx::dbtransaction& tx, const PendingSave& save, bool inserted,
                                                       BatchRecords& records) {
  using pqxx::prepare::make_dynamic_params;
  const auto& next = save.next;
  const auto& prepared = save.prepared;
  const auto& actor = save.actor;
  const auto& declaration = next.declaration;
  std::optional<StoredAssessment> before;
  if (!inserted) {
    // The reference exists: a resend, or an amendment by one of its parties.
    const auto locked = tx.exec_prepared(kLockDeclaration, declaration.functional_reference_id);
    if (!locked.empty()) {
      if (!save.may_amend(FromJsonList(locked[0][1].as<std::string>()))) {
        return core::Error::PermissionDenied("declaration '" + declaration.functional_reference_id +
                                             "' was lodged by another declarant; only its parties may amend it");
      }
      before = Current(tx, declaration.functional_reference_id, true);
      if (before && !next.reassessment && locked[0][0].as<std::string>() == next.document_sha256) return *before;
    }
    tx.exec_prepared(kUpsertDeclaration, make_dynamic_params(prepared.declaration_params));
    if (!locked.empty()) tx.exec_prepared(kRetire, declaration.functional_reference_id);
    tx.exec_prepared(kInsertAssessment, make_dynamic_params(prepared.assessment_params));
  }
  const auto& stored = prepared.stored;
  for (const auto& rule : next.performance_rules) ++records.hits[rule];
  records.audit.push_back(
      {{actor.name, next.reassessment ? "declaration.reassessed" : "declaration.assessed", "declaration",
        declaration.functional_reference_id, before ? std::optional(LaneAudit(*before)) : std::nullopt,
        LaneAudit(stored), actor.request_id},
       prepared.now});
  records.events.push_back(AssessmentEvent(stored, declaration.customs_office));
  return stored;
}

AssessmentStore::AssessmentStore(pg::Pool& pool, const security::AuditLog& audit, const core::Clock& clock)
    : pool_(pool), audit_(audit), clock_(clock), saves_(kMaxBatch, [this](const auto& batch) { Write(batch); }) {}

void AssessmentStore::Save(PendingSave& save, Grouped<PendingSave>::Done done) { saves_.Submit(save, std::move(done)); }

core::Result<SavedAssessment> AssessmentStore::Saved(PendingSave& save) {
  if (save.failure) std::rethrow_exception(save.failure);
  if (!*save.result) return save.result->error();
  return SavedAssessment{**std::move(save.result), save.evidence_arrived};
}

std::set<std::string> AssessmentStore::WriteRecords(pqxx::dbtransaction& tx, const std::vector<PendingSave*>& batch,
                                                    const BatchRecords& records) {
  std::string queries = "[";
  for (const auto* save : batch) {
    const auto& next = save->next;
    if (queries.size() > 1) queries += ',';
    queries += nlohmann::json::array({next.declaration.functional_reference_id, next.declaration.containers,
                                      next.barcodes, next.evidence_read})
                   .dump();
  }
  queries += ']';
  std::set<std::string> arrived;
  const auto events = events::MakeOutboxRows(kTopic, records.events);
  for (const auto& row : tx.exec_prepared(kGroupRecords, nlohmann::json(records.hits).dump(), queries, events.topic,
                                          events.ids_json, events.payloads_json)) {
    arrived.insert(row[0].as<std::string>());
  }
  audit_.AppendManyLocked(tx, records.audit);
  return arrived;
}

void AssessmentStore::Write(const std::vector<PendingSave*>& batch) {
  try {
    auto connection = pool_.Acquire();
    pqxx::work tx(*connection);
    std::vector<core::Result<StoredAssessment>> results;
    results.reserve(batch.size());
    BatchRecords records;
    const auto inserted = InsertNew(tx, batch);
    for (std::size_t i = 0; i < batch.size(); ++i) results.push_back(SaveIn(tx, *batch[i], inserted[i], records));
    const auto arrived = WriteRecords(tx, batch, records);
    tx.commit();
    for (std::size_t i = 0; i < batch.size(); ++i) {
      batch[i]->result = std::move(results[i]);
      batch[i]->evidence_arrived = arrived.contains(batch[i]->next.declaration.functional_reference_id);
    }
  } catch (const std::exception&) {
    if (batch.size() == 1) {
      batch[0]->failure = std::current_exception();
      return;
    }
    for (auto* save : batch) Write({save});
  }
}

std::vector<std::string> AssessmentStore::LockReceivedSince(pqxx::transaction_base& tx, const EvidenceLinks& links,
                                                            core::TimePoint since) {
  std::vector<std::string> locked;
  for (const auto& row : tx.exec_params(kLockReceivedSinceSql, JsonList(links.references), JsonList(links.containers),
                                        JsonList(links.barcodes), PgTimestamp(since))) {
    locked.push_back(row[0].as<std::string>());
  }
  return locked;
}

std::optional<AssessedDeclaration> AssessmentStore::LockAssessed(pqxx::transaction_base& tx,
                                                                 const std::string& reference) {
  auto current = Current(tx, reference, true);
  if (!current) return std::nullopt;
  const auto row = tx.exec_params1(kAssessedSql, reference);
  return AssessedDeclaration{*std::move(current), nlohmann::json::parse(row[0].as<std::string>()),
                             CheckInputsFromJson(nlohmann::json::parse(row[1].as<std::string>())), row[2].as<bool>(),
                             FromJsonList(row[3].as<std::string>())};
}

void AssessmentStore::Reassessing(const std::string& reference,
                                  const std::function<void(pqxx::dbtransaction&)>& reassess) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  if (LockReceivedSince(tx, {{reference}, {}, {}}, core::TimePoint{}).empty()) return;
  reassess(tx);
  tx.commit();
}

StoredAssessment AssessmentStore::SaveReassessment(pqxx::dbtransaction& tx, const NewAssessment& next,
                                                   const Actor& actor) {
  const std::function<bool(const std::vector<std::string>&)> anyone = [](const auto&) { return true; };
  PendingSave save{next, actor, anyone, Prepare(next)};
  BatchRecords records;
  auto stored = SaveIn(tx, save, false, records);
  if (!stored) throw core::GreenlaneException(stored.error());
  // What it answers is not needed: `tx` holds the declaration's row lock, so evidence stored
  // meanwhile re-assesses the declaration once this commits.
  WriteRecords(tx, {&save}, records);
  return *std::move(stored);
}

core::Result<StoredAssessment> AssessmentStore::Reroute(const std::string& reference, Lane lane,
                                                        const std::string& justification, const Actor& actor) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  auto current = Current(tx, reference, true);
  if (!current) return core::Error::NotFound("no declaration '" + reference + "' has been assessed");
  if (current->lane == lane) {
    return core::Error::FailedPrecondition("declaration '" + reference + "' is already in the " +
                                           std::string(LaneName(lane)) + " lane");
  }
  const auto before = LaneAudit(*current);
  const auto now = clock_.Now();
  RerouteRecord reroute{current->lane, lane, justification, actor.name, now};
  tx.exec_prepared(kSetLane, current->id, std::string(LaneName(lane)));
  tx.exec_prepared(kInsertReroute, core::Uuid::NewV7(clock_).ToString(), current->id,
                   std::string(LaneName(reroute.from)), std::string(LaneName(lane)), justification, actor.name,
                   PgTimestamp(now));
  current->lane = lane;
  current->reroutes.push_back(reroute);
  auto after = LaneAudit(*current);
  after["justification"] = justification;
  audit_.Append(tx, {actor.name, "declaration.rerouted", "declaration", reference, before, after, actor.request_id},
                now);
  const auto office = tx.exec_prepared1(kOfficeOf, reference)[0].as<std::string>();
  events::Publish(tx, kSchema, kTopic, AssessmentEvent(*current, office));
  tx.commit();
  return *current;
}

std::vector<ReplayCase> AssessmentStore::Recent(int limit) {
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  std::vector<ReplayCase> cases;
  for (const auto& row : tx.exec_prepared(kRecent, limit)) {
    auto declaration = ParseDeclaration(nlohmann::json::parse(row[0].as<std::string>()));
    if (!declaration) continue;  // stored before a stricter parser; it cannot be replayed as is
    cases.push_back({*std::move(declaration), CheckInputsFromJson(nlohmann::json::parse(row[1].as<std::string>()))});
  }
  return cases;
}

}  // namespace greenlane::risk
