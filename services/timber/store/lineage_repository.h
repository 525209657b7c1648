#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/volume.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "store/anomaly_repository.h"
#include "store/context.h"
#include "store/document_repository.h"
#include "store/pieces.h"

namespace greenlane::timber::store {

struct LineageConcession {
  std::string id, name, operator_id;
};

struct LineageWaybill {
  std::string number, state, origin_site_id, destination_site_id, vehicle;
  core::TimePoint issued_at;
  int items_in_lineage = 0;
};

struct LineageProcessing {
  std::string id, sawmill_site_id;
  core::TimePoint processed_at;
  Volume input, output;
};

/// Everything behind an export certificate.
struct Lineage {
  DocumentView certificate;
  std::vector<PieceRow> pieces;  ///< lots, logs, stumps, trees; by kind then barcode
  std::vector<LineageConcession> concessions;
  std::vector<LineageWaybill> waybills;
  std::vector<LineageProcessing> processings;
  std::vector<Anomaly> anomalies;  ///< raised on any piece, document or concession above, oldest first
};

/// The lineage trace. When a certificate is issued, one recursive query walks from its items up parent
/// pointers and through sawmill runs (lot -> input logs) to the trees and stores that set with a copy
/// of each piece's row, and the waybills that carried them (Record). Trace then reads the pieces as
/// one index range, and the concessions, waybills, runs and anomalies by joins on a few rows, all in
/// one repeatable-read snapshot. The cost grows with the pieces found, never with round trips per
/// piece.
class LineageRepository {
 public:
  explicit LineageRepository(const StoreContext& context) : context_(context) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// kInvalidArgument for a number that is no certificate barcode; kNotFound for none. Without
  /// `with_pieces` the answer leaves `pieces` empty (and skips reading them); all else is the same.
  core::Result<Lineage> Trace(const std::string& certificate, bool with_pieces = true);

  /// Records the pieces behind `certificate` in timber.certificate_lineage and their waybills in
  /// timber.certificate_lineage_waybills, in the transaction that issues it (after its items are
  /// stored): Trace reads them from there.
  static void Record(pqxx::work& tx, const std::string& certificate);

 private:
  const StoreContext& context_;
};

}  // namespace greenlane::timber::store
