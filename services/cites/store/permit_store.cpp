#include "store/permit_store.h"

#include <cstdio>

#include "domain/endorsement.h"
#include "domain/exchange_message.h"
#include "domain/permit_json.h"
#include "domain/validation.h"
#include "exchange/delivery_store.h"
#include "exchange/partner_store.h"
#include "greenlane/core/uuid.h"
#include "greenlane/events/outbox.h"
#include "store/quota_store.h"

namespace greenlane::cites {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 500;

const std::string kColumns =
    "id::text, number, state, applicant, document::text, coalesce(endorsement::text, ''), "
    "coalesce(import_record::text, ''), reason, replaced_by, token, " +
    MicrosOf("created_at") + ", " + MicrosOf("updated_at");
constexpr const char* kGet = "cites_permit_get";
const std::string kGetSql = "SELECT " + kColumns + " FROM cites.permits WHERE number = $1";
constexpr const char* kGetForUpdate = "cites_permit_get_for_update";
const std::string kGetForUpdateSql = kGetSql + " FOR UPDATE";
constexpr const char* kInsert = "cites_permit_insert";
constexpr const char* kInsertSql =
    "INSERT INTO cites.permits (id, number, type, state, applicant, exporter_country, importer_country, issued_on, "
    "document, created_at, updated_at) VALUES ($1::uuid, $2, $3, 'draft', $4, $5, $6, $7::date, $8::jsonb, "
    "$9::timestamptz, $9::timestamptz) ON CONFLICT (number) DO NOTHING RETURNING id";
constexpr const char* kInsertLine = "cites_permit_line_insert";
constexpr const char* kInsertLineSql =
    "INSERT INTO cites.permit_lines (permit_id, line_no, scientific_name, term, unit, appendix, source, permitted) "
    "VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8::numeric)";
constexpr const char* kUpdate = "cites_permit_update";
constexpr const char* kUpdateSql =
    "UPDATE cites.permits SET state = $2, endorsement = NULLIF($3, '')::jsonb, import_record = NULLIF($4, '')::jsonb, "
    "reason = $5, replaced_by = $6, token = $7, updated_at = $8::timestamptz WHERE id = $1::uuid";
constexpr const char* kUpdateLine = "cites_permit_line_update";
constexpr const char* kUpdateLineSql =
    "UPDATE cites.permit_lines SET endorsed = NULLIF($3, '')::numeric, imported = NULLIF($4, '')::numeric "
    "WHERE permit_id = $1::uuid AND line_no = $2";
constexpr const char* kNextNumber = "cites_permit_next_number";
constexpr const char* kNextNumberSql =
    "INSERT INTO cites.number_sequences (prefix, last) VALUES ($1, 1) ON CONFLICT (prefix) DO UPDATE "
    "SET last = cites.number_sequences.last + 1 RETURNING last";
constexpr const char* kExists = "cites_permit_exists";
constexpr const char* kExistsSql = "SELECT 1 FROM cites.permits WHERE number = $1";
constexpr const char* kImportPermit = "cites_permit_import_permit";
constexpr const char* kImportPermitSql =
    "SELECT document::text FROM cites.permits WHERE number = $1 AND type = 'import' AND state IN ('issued', 'used') "
    "UNION ALL SELECT document::text FROM cites.received_permits WHERE number = $1 AND type = 'import' LIMIT 1";
constexpr const char* kList = "cites_permit_list";
const std::string kListSql =
    "SELECT " + kColumns +
    " FROM cites.permits WHERE ($1 = '' OR state = $1) AND ($2 = '' OR type = $2) AND ($3 = '' OR exporter_country = "
    "$3) AND ($4 = '' OR importer_country = $4) AND ($5 = '' OR applicant = $5) AND (NULLIF($6, '') IS NULL OR "
    "(created_at, id) < (NULLIF($6, '')::timestamptz, NULLIF($7, '')::uuid)) ORDER BY created_at DESC, id DESC LIMIT "
    "$8";
constexpr const char* kTradedIn = "cites_permit_traded_in";
const std::string kTradedInSql = "SELECT " + kColumns +
                                 " FROM cites.permits WHERE left(endorsement->>'date', 4) = $1 OR "
                                 "left(import_record->>'date', 4) = $1 ORDER BY number";

template <typename T>
T Stored(core::Result<T> value, const char* what) {
  if (!value.ok())
    throw core::GreenlaneException(core::Error::Internal(std::string("stored ") + what + ": " + value.error().message));
  return std::move(*value);
}

PermitState StateOf(const std::string& text) {
  for (auto state : {PermitState::kDraft, PermitState::kIssued, PermitState::kEndorsed, PermitState::kUsed,
                     PermitState::kCancelled, PermitState::kRevoked, PermitState::kReplaced}) {
    if (ToString(state) == text) return state;
  }
  throw core::GreenlaneException(core::Error::Internal("stored permit state '" + text + "' is unknown"));
}

StoredPermit PermitOf(const pqxx::row& row) {
  StoredPermit stored;
  stored.id = row[0].as<std::string>();
  stored.record.permit = Stored(PermitFromJson(nlohmann::json::parse(row[4].as<std::string>())), "permit");
  stored.record.permit.number = row[1].as<std::string>();
  stored.record.state = StateOf(row[2].as<std::string>());
  stored.applicant = row[3].as<std::string>();
  if (const auto text = row[5].as<std::string>(); !text.empty()) {
    stored.record.endorsement = Stored(EndorsementFromJson(nlohmann::json::parse(text)), "endorsement");
  }
  if (const auto text = row[6].as<std::string>(); !text.empty()) {
    stored.record.import = Stored(ImportRecordFromJson(nlohmann::json::parse(text)), "import record");
  }
  stored.record.reason = row[7].as<std::string>();
  stored.record.replaced_by = row[8].as<std::string>();
  stored.token = row[9].as<std::string>();
  stored.created_at = FromMicros(row[10].as<std::int64_t>());
  stored.updated_at = FromMicros(row[11].as<std::int64_t>());
  return stored;
}

core::Result<StoredPermit> LockedGet(pqxx::transaction_base& tx, const std::string& number) {
  const auto rows = tx.exec_prepared(kGetForUpdate, number);
  if (rows.empty()) return core::Error::NotFound("no permit numbered '" + number + "'");
  return PermitOf(rows[0]);
}

std::string NumberCode(DocumentType type) {
  switch (type) {
    case DocumentType::kExport:
      return "EX";
    case DocumentType::kReExport:
      return "RE";
    case DocumentType::kImport:
      return "IM";
    case DocumentType::kOrigin:
      return "CO";
  }
  return "XX";
}

// Where the permit goes next: the importing country for documents that leave, the exporting
// country for an import permit (an Appendix I export there relies on it).
const std::string& Counterpart(const Permit& permit) {
  return permit.type == DocumentType::kImport ? permit.exporter.country : permit.importer.country;
}

nlohmann::json EventPayload(const StoredPermit& stored) {
  const Permit& permit = stored.record.permit;
  nlohmann::json lines = nlohmann::json::array();
  for (std::size_t i = 0; i < permit.lines.size(); ++i) {
    const PermitLine& line = permit.lines[i];
    nlohmann::json item = {
        {"scientific_name", line.scientific_name}, {"term", line.term},         {"unit", line.unit},
        {"quantity", line.quantity.ToString()},    {"appendix", line.appendix}, {"source", line.source}};
    if (stored.record.endorsement) item["endorsed"] = stored.record.endorsement->quantities.at(i).ToString();
    if (stored.record.import) item["imported"] = stored.record.import->quantities.at(i).ToString();
    lines.push_back(std::move(item));
  }
  return {{"permit_id", stored.id},
          {"number", permit.number},
          {"type", ToString(permit.type)},
          {"state", ToString(stored.record.state)},
          {"issuer_country", permit.issuer.country},
          {"exporter_country", permit.exporter.country},
          {"importer_country", permit.importer.country},
          {"applicant", stored.applicant},
          {"lines", std::move(lines)}};
}

std::vector<QuotaKey> QuotaKeys(const Permit& permit) {
  std::vector<QuotaKey> keys;
  if (permit.type != DocumentType::kExport) return keys;
  for (const PermitLine& line : permit.lines) {
    keys.push_back({line.scientific_name, permit.exporter.country, YearOf(permit.issued)});
  }
  return keys;
}

std::string PageToken(const StoredPermit& last) { return PgTimestamp(last.created_at) + "|" + last.id; }

}  // namespace

std::vector<std::pair<std::string, std::string>> PermitStore::PreparedStatements() {
  return {{kGet, kGetSql},
          {kGetForUpdate, kGetForUpdateSql},
          {kInsert, kInsertSql},
          {kInsertLine, kInsertLineSql},
          {kUpdate, kUpdateSql},
          {kUpdateLine, kUpdateLineSql},
          {kNextNumber, kNextNumberSql},
          {kExists, kExistsSql},
          {kImportPermit, kImportPermitSql},
          {kList, kListSql},
          {kTradedIn, kTradedInSql}};
}

core::Result<StoredPermit> PermitStore::CreateDraft(Permit permit, const std::string& applicant, const Actor& actor) {
  if (permit.number.empty() && permit.issuer.country.size() != 2) {
    return core::Error::InvalidArgument("issuer_country",
                                        "the issuing country is required to number the draft (e.g. BR)");
  }
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  if (permit.number.empty()) {
    const std::string prefix =
        permit.issuer.country + "-" + NumberCode(permit.type) + "-" + std::to_string(YearOf(permit.issued));
    const auto next = tx.exec_prepared1(kNextNumber, prefix)[0].as<long long>();
    char digits[16];
    std::snprintf(digits, sizeof digits, "%06lld", next);
    permit.number = prefix + "-" + digits;
  }
  const auto now = clock_.Now();
  StoredPermit stored{
      core::Uuid::NewV7(clock_).ToString(), {permit, PermitState::kDraft, {}, {}, "", ""}, applicant, "", now, now};
  const auto inserted = tx.exec_prepared(kInsert, stored.id, permit.number, std::string(ToString(permit.type)),
                                         applicant, permit.exporter.country, permit.importer.country,
                                         FormatDate(permit.issued), PermitToJson(permit).dump(), PgTimestamp(now));
  if (inserted.empty()) {
    return core::Error{core::ErrorKind::kAlreadyExists, "a permit numbered '" + permit.number + "' exists already",
                       "number"};
  }
  for (std::size_t i = 0; i < permit.lines.size(); ++i) {
    const PermitLine& line = permit.lines[i];
    tx.exec_prepared(kInsertLine, stored.id, static_cast<int>(i), line.scientific_name, line.term, line.unit,
                     line.appendix, line.source, line.quantity.ToString());
  }
  audit_.Append(tx,
                {actor.name, "permit.drafted", "permit", permit.number, std::nullopt, RecordToJson(stored.record),
                 actor.request_id},
                now);
  tx.commit();
  return stored;
}

core::Result<StoredPermit> PermitStore::Get(const std::string& number) {
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  const auto rows = tx.exec_prepared(kGet, number);
  if (rows.empty()) return core::Error::NotFound("no permit numbered '" + number + "'");
  return PermitOf(rows[0]);
}

core::Result<PermitPage> PermitStore::List(const PermitQuery& query) {
  const int size = query.page_size <= 0 ? kDefaultPageSize : std::min(query.page_size, kMaxPageSize);
  std::string after_time, after_id;
  if (!query.page_token.empty()) {
    const auto bar = query.page_token.find('|');
    if (bar != std::string::npos) {
      after_time = query.page_token.substr(0, bar);
      after_id = query.page_token.substr(bar + 1);
    }
    if (!core::ParseRfc3339(after_time) || !core::Uuid::Parse(after_id)) {
      return core::Error::InvalidArgument("page.page_token", "is not a token from a previous page: start without one");
    }
  }
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  PermitPage page;
  for (const auto& row : tx.exec_prepared(kList, query.state, query.type, query.exporter_country,
                                          query.importer_country, query.applicant, after_time, after_id, size + 1)) {
    page.permits.push_back(PermitOf(row));
  }
  if (static_cast<int>(page.permits.size()) > size) {
    page.permits.pop_back();
    page.next_page_token = PageToken(page.permits.back());
  }
  return page;
}

Problems PermitStore::ValidateIn(pqxx::transaction_base& tx, const Permit& permit) {
  std::optional<Permit> import_permit;
  if (!permit.import_permit_number.empty()) {
    const auto rows = tx.exec_prepared(kImportPermit, permit.import_permit_number);
    if (!rows.empty()) {
      auto parsed = PermitFromJson(nlohmann::json::parse(rows[0][0].as<std::string>()));
      if (parsed.ok()) import_permit = std::move(*parsed);
    }
  }
  const QuotaBook quotas = QuotaStore::Load(tx, QuotaKeys(permit), false);
  const auto species = reference_.species();
  return cites::Validate(permit, {reference_.codes(), *species, import_permit ? &*import_permit : nullptr, &quotas});
}

Problems PermitStore::Validate(const Permit& permit) {
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  return ValidateIn(tx, permit);
}

void PermitStore::Save(pqxx::work& tx, const StoredPermit& before, const StoredPermit& after, const char* action,
                       const Actor& actor) {
  const PermitRecord& record = after.record;
  tx.exec_prepared(kUpdate, after.id, std::string(ToString(record.state)),
                   record.endorsement ? EndorsementToJson(*record.endorsement).dump() : "",
                   record.import ? ImportRecordToJson(*record.import).dump() : "", record.reason, record.replaced_by,
                   after.token, PgTimestamp(after.updated_at));
  if (record.endorsement.has_value() != before.record.endorsement.has_value() ||
      record.import.has_value() != before.record.import.has_value()) {
    for (std::size_t i = 0; i < record.permit.lines.size(); ++i) {
      tx.exec_prepared(kUpdateLine, after.id, static_cast<int>(i),
                       record.endorsement ? record.endorsement->quantities.at(i).ToString() : "",
                       record.import ? record.import->quantities.at(i).ToString() : "");
    }
  }
  audit_.Append(tx,
                {actor.name, action, "permit", record.permit.number, RecordToJson(before.record), RecordToJson(record),
                 actor.request_id},
                after.updated_at);
  events::Publish(tx, "cites", std::string("cites.") + action, EventPayload(after));
}

template <typename Change>
core::Result<StoredPermit> PermitStore::Transition(const std::string& number, const Actor& actor, const char* action,
                                                   Change&& change) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  auto before = LockedGet(tx, number);
  if (!before.ok()) return before.error();
  StoredPermit after = *before;
  auto record = change(tx, after);
  if (!record.ok()) return record.error();
  after.record = std::move(*record);
  after.updated_at = clock_.Now();
  Save(tx, *before, after, action, actor);
  tx.commit();
  return after;
}

core::Result<StoredPermit> PermitStore::Issue(const std::string& number, const Actor& actor) {
  return Transition(
      number, actor, "permit.issued", [&](pqxx::work& tx, StoredPermit& stored) -> core::Result<PermitRecord> {
        auto issued = cites::Issue(stored.record, ValidateIn(tx, stored.record.permit));
        if (!issued.ok()) return issued;
        stored.token = signer_.Sign(issued->permit, clock_.Now());
        const Permit& permit = issued->permit;
        const auto partner = PartnerStore::FindByCountry(tx, Counterpart(permit));
        if (partner && partner->Allows(kOpDeliverPermit)) {
          const nlohmann::json body = {{"permit", PermitToJson(permit)}, {"state", "issued"}, {"token", stored.token}};
          DeliveryStore::Enqueue(tx, clock_, permit.number, partner->country, std::string(kOpDeliverPermit),
                                 body.dump());
        }
        return issued;
      });
}

core::Result<StoredPermit> PermitStore::Endorse(const std::string& number, const Endorsement& endorsement,
                                                const Actor& actor) {
  return Transition(number, actor, "permit.endorsed",
                    [&](pqxx::work& tx, StoredPermit& stored) -> core::Result<PermitRecord> {
                      const auto keys = QuotaKeys(stored.record.permit);
                      const QuotaBook quotas = QuotaStore::Load(tx, keys, true);
                      auto endorsed = cites::Endorse(stored.record, endorsement, quotas);
                      if (!endorsed.ok()) return endorsed.error();
                      QuotaStore::SaveUsed(tx, endorsed->quotas, keys);
                      return std::move(endorsed->record);
                    });
}

core::Result<StoredPermit> PermitStore::RecordImportUse(const std::string& number, const ImportRecord& import,
                                                        const Actor& actor) {
  auto used = Transition(number, actor, "permit.used",
                         [&](pqxx::work&, StoredPermit& stored) { return AcceptAtImport(stored.record, import); });
  if (!used.ok() && used.error().message.rfind("lifecycle.single_use", 0) == 0) {
    if (auto stored = Get(number); stored.ok()) RecordReuseAlert(*stored, import, used.error(), actor);
  }
  return used;
}

void PermitStore::RecordReuseAlert(const StoredPermit& permit, const ImportRecord& attempt, const core::Error& refusal,
                                   const Actor& actor) {
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);
  nlohmann::json payload = EventPayload(permit);
  payload["attempt"] = ImportRecordToJson(attempt);
  payload["refused"] = refusal.message;
  payload["actor"] = actor.name;
  audit_.Append(tx,
                {actor.name, "permit.reuse_refused", "permit", permit.record.permit.number, RecordToJson(permit.record),
                 payload, actor.request_id},
                clock_.Now());
  events::Publish(tx, "cites", "cites.permit.reuse_refused", payload);
  tx.commit();
}

core::Result<StoredPermit> PermitStore::Cancel(const std::string& number, const std::string& reason,
                                               const Actor& actor) {
  return Transition(number, actor, "permit.cancelled",
                    [&](pqxx::work&, StoredPermit& stored) { return cites::Cancel(stored.record, reason); });
}

core::Result<StoredPermit> PermitStore::Revoke(const std::string& number, const std::string& reason,
                                               const Actor& actor) {
  return Transition(number, actor, "permit.revoked",
                    [&](pqxx::work&, StoredPermit& stored) { return cites::Revoke(stored.record, reason); });
}

core::Result<StoredPermit> PermitStore::Replace(const std::string& number, const std::string& replacement,
                                                const Actor& actor) {
  return Transition(number, actor, "permit.replaced",
                    [&](pqxx::work& tx, StoredPermit& stored) -> core::Result<PermitRecord> {
                      if (replacement != number && tx.exec_prepared(kExists, replacement).empty()) {
                        return core::Error{core::ErrorKind::kNotFound,
                                           "no permit numbered '" + replacement + "': draft the replacement first",
                                           "replacement_number"};
                      }
                      return cites::Replace(stored.record, replacement);
                    });
}

std::vector<PermitRecord> PermitStore::TradedIn(int year) {
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  std::vector<PermitRecord> records;
  for (const auto& row : tx.exec_prepared(kTradedIn, std::to_string(year))) records.push_back(PermitOf(row).record);
  return records;
}

}  // namespace greenlane::cites
