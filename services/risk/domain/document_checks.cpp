#include "domain/document_checks.h"

namespace greenlane::risk {

std::string_view OwnerOfCategory(std::string_view category) {
  if (category.starts_with("cites_")) return "cites";
  if (category.starts_with("timber_")) return "timber";
  return "";
}

std::vector<DocumentQuery> DocumentQueriesOf(const Declaration& declaration) {
  std::vector<DocumentQuery> queries;
  for (const auto& item : declaration.goods_items) {
    for (const auto& document : item.lpco) {
      queries.push_back({declaration.type, item.sequence, document, item.hs_code, item.scientific_name,
                         item.origin_country, item.quantity, item.quantity_unit, item.net_mass});
    }
  }
  return queries;
}

}  // namespace greenlane::risk
