#include "domain/document_checks.h"

#include <algorithm>

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

std::vector<std::string> DeclaredSpecies(const Declaration& declaration) {
  std::vector<std::string> names;
  for (const auto& item : declaration.goods_items) {
    if (!item.scientific_name.empty() && std::find(names.begin(), names.end(), item.scientific_name) == names.end()) {
      names.push_back(item.scientific_name);
    }
  }
  return names;
}

void ApplyCitesAppendices(Declaration& declaration, const std::map<std::string, std::string, std::less<>>& appendices) {
  for (auto& item : declaration.goods_items) {
    if (const auto found = appendices.find(item.scientific_name); found != appendices.end()) {
      item.cites_appendix = found->second;
    }
  }
}

}  // namespace greenlane::risk
