#include "store/evidence_store.h"

#include <nlohmann/json.hpp>

#include "greenlane/core/uuid.h"
#include "store/pg_values.h"

namespace greenlane::risk {
namespace {

constexpr const char* kInsertSql =
    "INSERT INTO risk.evidence (id, event_id, source, reference, code, severity, species, cites_appendix, detail, "
    "declaration, container, barcode, item, received_at) VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "$11, $12, $13, $14::timestamptz)";
constexpr const char* kLinked = "risk_evidence_linked";
const std::string kLinkedSql = "SELECT " + EvidenceStore::LinkedJsonSql("$1", "$2", "$3");

constexpr const char* kIdentification = "identification";
constexpr const char* kTimberAnomaly = "timber_anomaly";

// The records linked to the declaration, one of the containers or one of the barcodes: the SQL
// expressions give the reference and the JSON arrays.
std::string LinkedWhere(std::string_view reference, std::string_view containers, std::string_view barcodes) {
  return "FROM risk.evidence e WHERE e.declaration = " + std::string(reference) +
         " OR (e.container <> '' AND e.container IN (SELECT jsonb_array_elements_text(" + std::string(containers) +
         "::jsonb))) OR (e.barcode <> '' AND e.barcode IN (SELECT jsonb_array_elements_text(" + std::string(barcodes) +
         "::jsonb)))";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> EvidenceStore::PreparedStatements() { return {{kLinked, kLinkedSql}}; }

void EvidenceStore::Insert(pqxx::work& tx, const std::string& event_id, const std::vector<EvidenceRecord>& records,
                           core::TimePoint now, const core::Clock& clock) {
  if (records.empty()) return;
  tx.exec_params("SELECT pg_advisory_xact_lock($1)", kGateKey);
  for (const auto& r : records) {
    const bool timber = r.source == EvidenceRecord::Source::kTimberAnomaly;
    tx.exec_params(kInsertSql, core::Uuid::NewV7(clock).ToString(), event_id,
                   std::string(timber ? kTimberAnomaly : kIdentification), r.reference, r.code, r.severity, r.species,
                   r.cites_appendix, r.detail, r.link.declaration, r.link.container, r.link.barcode, r.link.item,
                   PgTimestamp(now));
  }
}

std::string EvidenceStore::LinkedJsonSql(std::string_view reference, std::string_view containers,
                                         std::string_view barcodes) {
  return "(SELECT coalesce(json_agg(json_build_array(e.source, e.reference, e.code, e.severity, e.species, "
         "e.cites_appendix, e.detail, e.declaration, e.container, e.barcode, e.item) ORDER BY e.received_at, e.id), "
         "'[]') " +
         LinkedWhere(reference, containers, barcodes) + ")::text";
}

std::string EvidenceStore::LinkedCountSql(std::string_view reference, std::string_view containers,
                                          std::string_view barcodes) {
  return "(SELECT count(*) " + LinkedWhere(reference, containers, barcodes) + ")";
}

std::string EvidenceStore::GateSharedSql() { return "pg_advisory_xact_lock_shared(" + std::to_string(kGateKey) + ")"; }

std::vector<EvidenceRecord> EvidenceStore::FromJson(const std::string& json) {
  std::vector<EvidenceRecord> records;
  for (const auto& row : nlohmann::json::parse(json)) {
    const auto text = [&](std::size_t i) { return row.at(i).get<std::string>(); };
    EvidenceRecord record;
    record.source =
        text(0) == kTimberAnomaly ? EvidenceRecord::Source::kTimberAnomaly : EvidenceRecord::Source::kIdentification;
    record.reference = text(1);
    record.code = text(2);
    record.severity = text(3);
    record.species = text(4);
    record.cites_appendix = text(5);
    record.detail = text(6);
    record.link = {text(7), text(8), text(9), text(10)};
    records.push_back(std::move(record));
  }
  return records;
}

std::vector<EvidenceRecord> EvidenceStore::Linked(pqxx::transaction_base& tx, const std::string& reference,
                                                  const std::vector<std::string>& containers,
                                                  const std::vector<std::string>& barcodes) {
  return FromJson(
      tx.exec_params1(kLinkedSql, reference, JsonList(containers), JsonList(barcodes))[0].as<std::string>());
}

std::vector<EvidenceRecord> EvidenceStore::Linked(const std::string& reference,
                                                  const std::vector<std::string>& containers,
                                                  const std::vector<std::string>& barcodes) {
  auto connection = pool_.Acquire();
  // One statement: autocommit, without the BEGIN and COMMIT round trips of a read transaction.
  pqxx::nontransaction tx(*connection);
  return FromJson(tx.exec_prepared1(kLinked, reference, JsonList(containers), JsonList(barcodes))[0].as<std::string>());
}

}  // namespace greenlane::risk
