#include "store/item_list.h"

#include <set>

namespace greenlane::timber::store {

core::Result<std::vector<Barcode>> ParseItemList(const std::vector<std::string>& items, std::size_t max_items) {
  if (items.empty()) return core::Error::InvalidArgument("items", "list at least one log or lot");
  if (items.size() > max_items) {
    return core::Error::InvalidArgument("items", std::to_string(items.size()) + " items; at most " +
                                                     std::to_string(max_items) + " fit on one document");
  }
  std::vector<Barcode> barcodes;
  std::set<Barcode> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto field = "items/" + std::to_string(i);
    auto barcode = Barcode::Parse(items[i]);
    if (!barcode.ok()) return core::Error::InvalidArgument(field, barcode.error().message);
    if (barcode->kind() != BarcodeKind::kLog && barcode->kind() != BarcodeKind::kLot) {
      return core::Error::InvalidArgument(field, items[i] + " is a " + std::string(KindName(barcode->kind())) +
                                                     " tag; only logs and lots are carried and exported");
    }
    if (!seen.insert(*barcode).second) {
      return core::Error::InvalidArgument(field, barcode->text() + " is listed twice");
    }
    barcodes.push_back(*barcode);
  }
  return barcodes;
}

core::Status RequireAll(const std::vector<Barcode>& wanted, const std::vector<PieceRow>& found) {
  std::set<Barcode> present;
  for (const auto& piece : found) present.insert(piece.barcode);
  for (const auto& barcode : wanted) {
    if (!present.contains(barcode)) {
      return core::Error::NotFound("no " + std::string(KindName(barcode.kind())) + " with barcode " + barcode.text() +
                                   " is registered; record it before moving or exporting it");
    }
  }
  return core::Status::Ok();
}

}  // namespace greenlane::timber::store
