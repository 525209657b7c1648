#include "domain/declaration.h"

#include <algorithm>
#include <array>
#include <set>

#include "domain/json_read.h"
#include "greenlane/core/fixed_point.h"

namespace greenlane::risk {
namespace {

constexpr std::size_t kMaxItems = 999;  // the WCO DM limit on goods items per declaration
constexpr std::size_t kMaxDocuments = 99;
constexpr std::size_t kMaxContainers = 999;
constexpr int kMoneyDigits = 2;
constexpr int kQuantityDigits = 3;
constexpr std::array<std::string_view, 3> kTypeNames = {"import", "export", "transit"};

bool IsUpperAlpha(const std::string& text, std::size_t size) {
  return text.size() == size && std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

core::Result<std::string> ReadCode(const nlohmann::json& object, const std::string& path, std::string_view key,
                                   std::size_t size, std::string_view what) {
  auto code = ReadString(object, path, key);
  if (!code.ok()) return code;
  if (!IsUpperAlpha(*code, size)) return FieldError(path + "/" + std::string(key), what);
  return code;
}

core::Result<std::int64_t> ReadAmount(const nlohmann::json& object, const std::string& path, std::string_view key,
                                      int digits) {
  const auto field = path + "/" + std::string(key);
  if (!object.contains(key)) return core::Error::InvalidArgument(field, field + ": is required");
  return core::ReadFixedPoint(object.at(key), digits, field);
}

core::Result<LpcoDocument> ParseLpco(const nlohmann::json& value, const std::string& path) {
  if (auto ok = CheckObject(value, path, {"category", "id", "quantity"}, {"category", "id"}); !ok) return ok.error();
  LpcoDocument document;
  auto category = ReadString(value, path, "category", std::nullopt, 64);
  if (!category) return category.error();
  auto id = ReadString(value, path, "id", std::nullopt, 128);
  if (!id) return id.error();
  document.category = *std::move(category);
  document.id = *std::move(id);
  if (value.contains("quantity")) {
    auto quantity = ReadAmount(value, path, "quantity", kQuantityDigits);
    if (!quantity) return quantity.error();
    document.write_off_quantity = *quantity;
  }
  return document;
}

core::Result<GoodsItem> ParseItem(const nlohmann::json& value, const std::string& path) {
  if (auto ok = CheckObject(value, path,
                            {"sequence", "description", "hs_code", "origin_country", "quantity", "quantity_unit",
                             "gross_mass_kg", "net_mass_kg", "value", "currency", "scientific_name", "lpco"},
                            {"sequence", "hs_code", "origin_country", "net_mass_kg", "value", "currency"});
      !ok) {
    return ok.error();
  }
  GoodsItem item;
  const auto& sequence = value.at("sequence");
  if (!sequence.is_number_integer() || sequence.get<std::int64_t>() < 1 ||
      sequence.get<std::int64_t>() > static_cast<std::int64_t>(kMaxItems)) {
    return FieldError(path + "/sequence", "an integer from 1 to 999");
  }
  item.sequence = sequence.get<int>();
  auto hs = ReadString(value, path, "hs_code", std::nullopt, 10);
  if (!hs) return hs.error();
  if (hs->size() < 6 || !std::all_of(hs->begin(), hs->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return FieldError(path + "/hs_code", "6 to 10 digits without dots, e.g. 440729");
  }
  item.hs_code = *std::move(hs);
  auto origin = ReadCode(value, path, "origin_country", 2, "an ISO 3166-1 alpha-2 code such as CM");
  if (!origin) return origin.error();
  item.origin_country = *std::move(origin);
  auto currency = ReadCode(value, path, "currency", 3, "an ISO 4217 code such as EUR");
  if (!currency) return currency.error();
  item.currency = *std::move(currency);
  auto value_minor = ReadAmount(value, path, "value", kMoneyDigits);
  if (!value_minor) return value_minor.error();
  item.value = *value_minor;
  auto net = ReadAmount(value, path, "net_mass_kg", kQuantityDigits);
  if (!net) return net.error();
  item.net_mass = *net;
  if (value.contains("gross_mass_kg")) {
    auto gross = ReadAmount(value, path, "gross_mass_kg", kQuantityDigits);
    if (!gross) return gross.error();
    if (*gross < item.net_mass) return FieldError(path + "/gross_mass_kg", "at least net_mass_kg");
    item.gross_mass = *gross;
  }
  if (value.contains("quantity")) {
    auto quantity = ReadAmount(value, path, "quantity", kQuantityDigits);
    if (!quantity) return quantity.error();
    item.quantity = *quantity;
  }
  auto description = ReadString(value, path, "description", "", 512);
  if (!description) return description.error();
  item.description = *std::move(description);
  auto unit = ReadString(value, path, "quantity_unit", "", 16);
  if (!unit) return unit.error();
  item.quantity_unit = *std::move(unit);
  auto scientific_name = ReadString(value, path, "scientific_name", "", 128);
  if (!scientific_name) return scientific_name.error();
  item.scientific_name = *std::move(scientific_name);
  if (value.contains("lpco")) {
    const auto& documents = value.at("lpco");
    if (!documents.is_array() || documents.size() > kMaxDocuments) {
      return FieldError(path + "/lpco", "a list of at most 99 documents");
    }
    for (std::size_t i = 0; i < documents.size(); ++i) {
      auto document = ParseLpco(documents[i], path + "/lpco/" + std::to_string(i));
      if (!document) return document.error();
      item.lpco.push_back(*std::move(document));
    }
  }
  return item;
}

}  // namespace

std::string_view DeclarationTypeName(DeclarationType type) { return kTypeNames[static_cast<std::size_t>(type)]; }

core::Result<Declaration> ParseDeclaration(const nlohmann::json& document) {
  if (auto ok = CheckObject(
          document, "",
          {"functional_reference_id", "type_code", "customs_office", "declarant", "importer", "exporter",
           "exportation_country", "destination_country", "transport", "lodged_at", "goods_items"},
          {"functional_reference_id", "type_code", "customs_office", "declarant", "lodged_at", "goods_items"});
      !ok) {
    return ok.error();
  }
  Declaration declaration;
  auto reference = ReadString(document, "", "functional_reference_id", std::nullopt, 64);
  if (!reference) return reference.error();
  declaration.functional_reference_id = *std::move(reference);
  auto type = ReadString(document, "", "type_code");
  if (!type) return type.error();
  const auto type_index = std::find(kTypeNames.begin(), kTypeNames.end(), *type) - kTypeNames.begin();
  if (type_index == static_cast<std::ptrdiff_t>(kTypeNames.size())) {
    return FieldError("/type_code", "one of import, export, transit");
  }
  declaration.type = static_cast<DeclarationType>(type_index);
  for (auto [key, target] :
       {std::pair{"customs_office", &declaration.customs_office}, std::pair{"declarant", &declaration.declarant}}) {
    auto text = ReadString(document, "", key, std::nullopt, 64);
    if (!text) return text.error();
    *target = *std::move(text);
  }
  for (auto [key, target] :
       {std::pair{"importer", &declaration.importer}, std::pair{"exporter", &declaration.exporter}}) {
    auto text = ReadString(document, "", key, "", 64);
    if (!text) return text.error();
    *target = *std::move(text);
  }
  for (auto [key, target] : {std::pair{"exportation_country", &declaration.exportation_country},
                             std::pair{"destination_country", &declaration.destination_country}}) {
    if (!document.contains(key)) continue;
    auto code = ReadCode(document, "", key, 2, "an ISO 3166-1 alpha-2 code such as GA");
    if (!code) return code.error();
    *target = *std::move(code);
  }
  if (document.contains("transport")) {
    const auto& transport = document.at("transport");
    if (auto ok = CheckObject(transport, "/transport", {"mode", "containers"}, {}); !ok) return ok.error();
    auto mode = ReadString(transport, "/transport", "mode", "", 32);
    if (!mode) return mode.error();
    declaration.transport_mode = *std::move(mode);
    auto containers = ReadStringList(transport, "/transport", "containers");
    if (!containers) return containers.error();
    if (containers->size() > kMaxContainers) return FieldError("/transport/containers", "at most 999 containers");
    declaration.containers = *std::move(containers);
  }
  auto lodged_at = ReadInstant(document, "", "lodged_at");
  if (!lodged_at) return lodged_at.error();
  declaration.lodged_at = **lodged_at;
  const auto& items = document.at("goods_items");
  if (!items.is_array() || items.empty() || items.size() > kMaxItems) {
    return FieldError("/goods_items", "a list of 1 to 999 goods items");
  }
  std::set<int> sequences;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto path = "/goods_items/" + std::to_string(i);
    auto item = ParseItem(items[i], path);
    if (!item) return item.error();
    if (!sequences.insert(item->sequence).second) {
      return core::Error::InvalidArgument(path + "/sequence", path + "/sequence: " + std::to_string(item->sequence) +
                                                                  " is used by an earlier item; sequences are unique");
    }
    declaration.goods_items.push_back(*std::move(item));
  }
  return declaration;
}

std::string_view Hs6(const GoodsItem& item) { return std::string_view(item.hs_code).substr(0, 6); }

}  // namespace greenlane::risk
