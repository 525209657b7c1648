#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"

namespace greenlane::risk {

/// Named after the WCO Data Model classes the single window already speaks: a declaration with its
/// parties, transport and goods items, each item carrying its LPCO documents (licences, permits,
/// certificates and other documents). Money is in minor units (2 digits), masses and quantities in
/// thousandths (3 digits), so nothing in a rule is ever a float.

enum class DeclarationType : std::uint8_t { kImport, kExport, kTransit };

/// "import", "export", "transit".
std::string_view DeclarationTypeName(DeclarationType type);

/// One LPCO document referenced by a goods item: a CITES permit, a timber export certificate, a
/// Basel notification or an ozone licence, and how much of it this item writes off.
struct LpcoDocument {
  std::string category;  ///< e.g. "cites_import_permit", "timber_export_certificate", "ozone_licence"
  std::string id;
  std::optional<std::int64_t> write_off_quantity;  ///< thousandths, in the item's quantity unit
};

struct GoodsItem {
  int sequence = 0;  ///< 1-based, unique in the declaration; reasons name items by it
  std::string description;
  std::string hs_code;         ///< digits only, 6 to 10
  std::string origin_country;  ///< ISO 3166-1 alpha-2
  std::int64_t quantity = 0;   ///< thousandths of quantity_unit
  std::string quantity_unit;
  std::int64_t gross_mass = 0;  ///< grams
  std::int64_t net_mass = 0;    ///< grams
  std::int64_t value = 0;       ///< minor units of currency
  std::string currency;         ///< ISO 4217
  std::string scientific_name;  ///< empty unless the goods are (made of) a species
  /// Filled by the service from the CITES listings ("I", "II", "III"), never from the trader's input.
  std::string cites_appendix;
  std::vector<LpcoDocument> lpco;
};

struct Declaration {
  std::string functional_reference_id;
  DeclarationType type = DeclarationType::kImport;
  std::string customs_office;
  std::string declarant;
  std::string importer;
  std::string exporter;
  std::string exportation_country;
  std::string destination_country;
  std::string transport_mode;  ///< WCO mode code text, e.g. "maritime", "road"
  std::vector<std::string> containers;
  core::TimePoint lodged_at{};
  std::vector<GoodsItem> goods_items;
};

/// Parses a declaration from the single window's JSON: the fields above in snake_case, masses as
/// "gross_mass_kg"/"net_mass_kg", LPCO documents as "lpco" (tests/data/risk/declaration.json is an example).
/// Unknown fields, bad codes, inexact decimals, duplicate item sequences and more than 999 items are
/// refused with the JSON pointer of the field.
core::Result<Declaration> ParseDeclaration(const nlohmann::json& document);

/// The first six digits of the item's HS code: the internationally harmonised subheading that
/// profiles are kept for.
std::string_view Hs6(const GoodsItem& item);

}  // namespace greenlane::risk
