#pragma once

// A single-window declaration as greenlane-risk reads it, for the tests that assess one.
#include <nlohmann/json.hpp>
#include <string>

namespace greenlane::testing {

/// A minimal valid import declaration `reference` with one item of HS code `hs_code`.
inline nlohmann::json Declaration(const std::string& reference, const std::string& hs_code = "940360",
                                  const std::string& container = "MSCU1234565") {
  return {{"functional_reference_id", reference},
          {"type_code", "import"},
          {"customs_office", "GALBV"},
          {"declarant", "trader-1"},
          {"importer", "IMP-0001"},
          {"exportation_country", "CN"},
          {"destination_country", "GA"},
          {"transport", {{"mode", "maritime"}, {"containers", {container}}}},
          {"lodged_at", "2026-03-02T09:15:00Z"},
          {"goods_items",
           {{{"sequence", 1},
             {"description", "Wooden furniture"},
             {"hs_code", hs_code},
             {"origin_country", "CN"},
             {"net_mass_kg", "1200"},
             {"value", "5400.00"},
             {"currency", "EUR"}}}}};
}

}  // namespace greenlane::testing
