#pragma once

#include <optional>
#include <string_view>

#include "domain/barcode.h"
#include "domain/lifecycle.h"
#include "domain/model.h"

namespace greenlane::timber::store {

/// The words the timber schema stores for the domain's enums (the CHECK constraints of
/// migrations/timber list the same words). They are stable storage codes, apart from the display
/// names of the domain, so rewording a message never needs a migration.
std::string_view PieceStateCode(PieceState state);
std::optional<PieceState> ParsePieceStateCode(std::string_view code);

std::string_view SiteKindCode(SiteKind kind);
std::optional<SiteKind> ParseSiteKindCode(std::string_view code);

std::string_view WaybillStateCode(WaybillState state);
std::optional<WaybillState> ParseWaybillStateCode(std::string_view code);

std::string_view CertificateStateCode(CertificateState state);
std::optional<CertificateState> ParseCertificateStateCode(std::string_view code);

/// "tree", "stump", "log", "lot": the pieces.kind column (waybills and certificates have tables of their own).
std::string_view PieceKindCode(BarcodeKind kind);

}  // namespace greenlane::timber::store
