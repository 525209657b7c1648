#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/barcode.h"
#include "domain/volume.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "store/context.h"
#include "store/pieces.h"

namespace greenlane::timber::store {

/// A waybill or export certificate as readers see it: its own fields plus what the public window and
/// the QR token show (species and total volume of its items, site names) and its owner for trader
/// scoping. Fields of the other kind are empty.
struct DocumentView {
  std::string number;
  BarcodeKind kind = BarcodeKind::kWaybill;
  std::string state;  ///< storage code: issued, in_transit, delivered, cancelled, shipped
  std::vector<std::string> items;
  std::vector<std::string> species;  ///< distinct, sorted
  Volume volume;
  std::string owner;
  core::TimePoint issued_at;
  // Waybill.
  std::string origin_site_id, destination_site_id, origin_name, destination_name, vehicle, driver;
  std::vector<std::string> photo_refs;
  std::optional<core::TimePoint> departed_at, arrived_at;
  // Certificate.
  std::string hs_code, destination_country, container, cites_permit;
  std::optional<core::TimePoint> shipped_at;
};

/// Reads of pieces and documents, without locks (each in its own read-only transaction).
class DocumentRepository {
 public:
  explicit DocumentRepository(const StoreContext& context) : context_(context) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// kInvalidArgument for a number that is no waybill or certificate barcode; kNotFound for none.
  core::Result<DocumentView> Get(const std::string& number);
  /// kNotFound naming the barcode when no tree, stump, log or lot has it.
  core::Result<PieceRow> GetPiece(const std::string& barcode);
  /// The pieces among `barcodes` that exist, by barcode (a step's answer reads back what it stored).
  std::vector<PieceRow> GetPieces(const std::vector<Barcode>& barcodes);

 private:
  const StoreContext& context_;
};

/// Reads the document inside an open transaction (lineage reads its certificate with the rest).
std::optional<DocumentView> ReadDocument(pqxx::transaction_base& tx, const Barcode& number);

}  // namespace greenlane::timber::store
