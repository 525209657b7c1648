#pragma once

#include <optional>
#include <string_view>

#include "domain/barcode.h"
#include "domain/model.h"
#include "domain/outcome.h"

namespace greenlane::timber {

/// Rule "barcode.new": the barcode of a new record must parse with its check character, be of the
/// kind the step creates (a log tag on a log) and not be registered yet. `already_registered` is
/// what the store found for this text.
RuleOutcome CheckNewBarcode(std::string_view text, BarcodeKind expected, bool already_registered);

/// Rule "lineage.parent": the parent a record names must exist (`parent_state` is nullopt when the
/// store has no record of it), be of a kind that can bear the child (a stump comes from a tree, a
/// log from a tree or a log, a lot from logs) and be in the state that allows it: a tree is felled
/// once, logs come from a felled tree, and a log is cut or sawn only while it rests at a site.
RuleOutcome CheckParent(BarcodeKind child, const Barcode& parent, std::optional<PieceState> parent_state);

}  // namespace greenlane::timber
