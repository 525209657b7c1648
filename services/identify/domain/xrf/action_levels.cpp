#include "domain/xrf/action_levels.h"

#include <set>

#include "domain/rule_support/exact.h"
#include "domain/rule_support/json_fields.h"

namespace greenlane::identify::xrf {
namespace {

using instruments::Decimal;
using rule_support::Fail;
using rule_support::ObjectReader;

Decimal CheckPpm(const ObjectReader& reader, std::string_view key, const Decimal& value) {
  if (!rule_support::Within(value, Decimal(0, 0), Decimal(kMaxPpm, 0))) {
    Fail(reader.PathOf(key), "must be from 0 to " + std::to_string(kMaxPpm) + " ppm, is " + value.ToString());
  }
  return value;
}

std::optional<Decimal> OptionalPpm(const ObjectReader& reader, std::string_view key) {
  auto value = reader.OptionalDecimal(key);
  if (value) CheckPpm(reader, key, *value);
  return value;
}

ActionLevel ReadLevel(const ObjectReader& reader) {
  ActionLevel level;
  level.symbol = reader.String("symbol");
  level.pass_below_ppm = CheckPpm(reader, "pass_below_ppm", reader.Decimal("pass_below_ppm"));
  level.fail_above_ppm = OptionalPpm(reader, "fail_above_ppm");
  level.legal_limit_ppm = OptionalPpm(reader, "legal_limit_ppm");
  level.proxy_for = reader.OptionalString("proxy_for");
  if (level.fail_above_ppm && *level.fail_above_ppm < level.pass_below_ppm) {
    Fail(reader.PathOf("fail_above_ppm"),
         "is " + level.fail_above_ppm->ToString() + ", below pass_below_ppm " + level.pass_below_ppm.ToString());
  }
  return level;
}

}  // namespace

const ActionLevelSet* ActionLevelTable::Find(std::string_view id) const {
  for (const auto& set : sets_) {
    if (set.id == id) return &set;
  }
  return nullptr;
}

const std::vector<std::string>& ActionLevelTable::BaselYCodes(std::string_view symbol) const {
  static const std::vector<std::string> kNone;
  const auto it = basel_y_codes_.find(symbol);
  return it == basel_y_codes_.end() ? kNone : it->second;
}

core::Result<ActionLevelTable> LoadActionLevels(const nlohmann::json& document) {
  return rule_support::Catching([&] {
    const ObjectReader root(document, "", {"source", "basel_y_codes", "sets"});
    ActionLevelTable table;
    table.basel_y_codes_ = root.StringListMap("basel_y_codes");
    std::set<std::string> ids;
    for (const auto& reader : root.Objects("sets", {"id", "name", "note", "elements"})) {
      ActionLevelSet set{reader.String("id"), reader.String("name"), reader.OptionalString("note"), {}};
      if (!ids.insert(set.id).second) Fail(reader.PathOf("id"), "repeats " + set.id);
      std::set<std::string> symbols;
      for (const auto& element :
           reader.Objects("elements", {"symbol", "pass_below_ppm", "fail_above_ppm", "legal_limit_ppm", "proxy_for"})) {
        ActionLevel level = ReadLevel(element);
        if (!symbols.insert(level.symbol).second) Fail(element.PathOf("symbol"), "repeats " + level.symbol);
        set.elements.push_back(std::move(level));
      }
      if (set.elements.empty()) Fail(reader.PathOf("elements"), "must list at least one element");
      table.sets_.push_back(std::move(set));
    }
    return table;
  });
}

}  // namespace greenlane::identify::xrf
