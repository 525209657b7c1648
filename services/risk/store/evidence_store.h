#pragma once

#include <cstdint>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/evidence.h"
#include "greenlane/core/clock.h"
#include "greenlane/pg/pool.h"

namespace greenlane::risk {

/// risk.evidence: findings of identification and timber anomalies, kept by what they are linked to
/// (declaration, container, barcode) until a declaration that matches them is assessed.
class EvidenceStore {
 public:
  explicit EvidenceStore(pg::Pool& pool) : pool_(pool) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Stores the records of event `event_id` inside the consumer's transaction (which also records
  /// the event in the inbox, so a redelivered event stores nothing twice). Unprepared, so it runs on
  /// any connection the consumer is given. Takes the evidence gate first, exclusively, until `tx`
  /// ends (see GateSharedSql).
  static void Insert(pqxx::work& tx, const std::string& event_id, const std::vector<EvidenceRecord>& records,
                     core::TimePoint now, const core::Clock& clock);

  /// The records linked to the declaration `reference`, to any of `containers` or to any of
  /// `barcodes`, oldest first.
  std::vector<EvidenceRecord> Linked(const std::string& reference, const std::vector<std::string>& containers,
                                     const std::vector<std::string>& barcodes);

  /// Linked inside `tx` (which sees the records it stored itself), unprepared like Insert.
  static std::vector<EvidenceRecord> Linked(pqxx::transaction_base& tx, const std::string& reference,
                                            const std::vector<std::string>& containers,
                                            const std::vector<std::string>& barcodes);

  /// Linked as a scalar subquery, so that other reads can share its round trip: the arguments are
  /// SQL expressions (parameters such as "$2", or a JSON path) for the reference and the JSON
  /// arrays of containers and barcodes; it yields the records as JSON text for FromJson.
  static std::string LinkedJsonSql(std::string_view reference, std::string_view containers, std::string_view barcodes);
  /// How many records Linked would give, as a scalar subquery with the same arguments.
  static std::string LinkedCountSql(std::string_view reference, std::string_view containers, std::string_view barcodes);

  /// The evidence gate, taken shared (an SQL call expression; the lock lasts until the transaction
  /// ends). A declaration's assessment reads its evidence before its save commits, and evidence
  /// stored in between re-assesses only the declarations already committed: neither would see the
  /// other. So a save takes the gate shared and then, in a later statement (a snapshot taken after
  /// the lock), counts the evidence linked now against what its assessment read; evidence stored
  /// before is counted, and evidence stored after waits for the save's commit and then finds the
  /// declaration.
  static std::string GateSharedSql();
  static std::vector<EvidenceRecord> FromJson(const std::string& json);

 private:
  static constexpr std::int64_t kGateKey = 0x67726e6c2d657669;  // "grnl-evi"
  pg::Pool& pool_;
};

}  // namespace greenlane::risk
