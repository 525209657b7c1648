#include "store/evidence_store.h"

#include "greenlane/core/uuid.h"
#include "store/pg_values.h"

namespace greenlane::risk {
namespace {

constexpr const char* kInsertSql =
    "INSERT INTO risk.evidence (id, event_id, source, reference, code, severity, species, cites_appendix, detail, "
    "declaration, container, barcode, item, received_at) VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "$11, $12, $13, $14::timestamptz)";
constexpr const char* kLinked = "risk_evidence_linked";
constexpr const char* kLinkedSql =
    "SELECT source, reference, code, severity, species, cites_appendix, detail, declaration, container, barcode, "
    "item FROM risk.evidence WHERE declaration = $1 "
    "OR (container <> '' AND container IN (SELECT jsonb_array_elements_text($2::jsonb))) "
    "OR (barcode <> '' AND barcode IN (SELECT jsonb_array_elements_text($3::jsonb))) ORDER BY received_at, id";

constexpr const char* kIdentification = "identification";
constexpr const char* kTimberAnomaly = "timber_anomaly";

}  // namespace

std::vector<std::pair<std::string, std::string>> EvidenceStore::PreparedStatements() { return {{kLinked, kLinkedSql}}; }

void EvidenceStore::Insert(pqxx::work& tx, const std::string& event_id, const std::vector<EvidenceRecord>& records,
                           core::TimePoint now, const core::Clock& clock) {
  for (const auto& r : records) {
    const bool timber = r.source == EvidenceRecord::Source::kTimberAnomaly;
    tx.exec_params(kInsertSql, core::Uuid::NewV7(clock).ToString(), event_id,
                   std::string(timber ? kTimberAnomaly : kIdentification), r.reference, r.code, r.severity, r.species,
                   r.cites_appendix, r.detail, r.link.declaration, r.link.container, r.link.barcode, r.link.item,
                   PgTimestamp(now));
  }
}

std::vector<EvidenceRecord> EvidenceStore::Linked(const std::string& reference,
                                                  const std::vector<std::string>& containers,
                                                  const std::vector<std::string>& barcodes) {
  auto connection = pool_.Acquire();
  // One statement: autocommit, without the BEGIN and COMMIT round trips of a read transaction.
  pqxx::nontransaction tx(*connection);
  std::vector<EvidenceRecord> records;
  for (const auto& row : tx.exec_prepared(kLinked, reference, JsonList(containers), JsonList(barcodes))) {
    EvidenceRecord record;
    record.source = row[0].as<std::string>() == kTimberAnomaly ? EvidenceRecord::Source::kTimberAnomaly
                                                               : EvidenceRecord::Source::kIdentification;
    record.reference = row[1].as<std::string>();
    record.code = row[2].as<std::string>();
    record.severity = row[3].as<std::string>();
    record.species = row[4].as<std::string>();
    record.cites_appendix = row[5].as<std::string>();
    record.detail = row[6].as<std::string>();
    record.link = {row[7].as<std::string>(), row[8].as<std::string>(), row[9].as<std::string>(),
                   row[10].as<std::string>()};
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace greenlane::risk
