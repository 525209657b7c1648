#pragma once

#include <string>
#include <vector>

#include "domain/barcode.h"
#include "greenlane/core/error.h"
#include "store/pieces.h"

namespace greenlane::timber::store {

/// The logs and lots a waybill or certificate lists: 1 to `max_items` barcodes that parse, are log
/// or lot tags, and appear once. kInvalidArgument naming "items/<i>" otherwise.
core::Result<std::vector<Barcode>> ParseItemList(const std::vector<std::string>& items, std::size_t max_items);

/// kNotFound naming the first of `wanted` that `found` (as LockPieces returned them) lacks.
core::Status RequireAll(const std::vector<Barcode>& wanted, const std::vector<PieceRow>& found);

}  // namespace greenlane::timber::store
