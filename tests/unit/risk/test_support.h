#pragma once

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/assessor.h"
#include "domain/model.h"
#include "domain/rule_set.h"

namespace greenlane::risk::testing {

inline nlohmann::json ReadJson(const std::string& relative) {
  std::ifstream in(std::string(GREENLANE_SOURCE_DIR) + "/" + relative);
  if (!in) throw std::runtime_error("cannot open " + relative);
  return nlohmann::json::parse(in);
}

/// services/risk/data/<name> as shipped.
inline nlohmann::json ShippedData(const std::string& name) { return ReadJson("services/risk/data/" + name); }

inline core::TimePoint At(const std::string& rfc3339) { return *core::ParseRfc3339(rfc3339); }

inline GoodsItem Item(int sequence, std::string hs_code, std::string origin = "GA", std::int64_t value = 100000,
                      std::int64_t net_mass = 1000000) {
  GoodsItem item;
  item.sequence = sequence;
  item.hs_code = std::move(hs_code);
  item.origin_country = std::move(origin);
  item.value = value;
  item.net_mass = net_mass;
  item.currency = "EUR";
  return item;
}

inline Declaration MakeDeclaration(std::string reference, std::vector<GoodsItem> items,
                                   DeclarationType type = DeclarationType::kImport) {
  Declaration declaration;
  declaration.functional_reference_id = std::move(reference);
  declaration.type = type;
  declaration.customs_office = "GALBV";
  declaration.declarant = "DECL-1";
  declaration.importer = "IMP-1";
  declaration.exporter = "EXP-1";
  declaration.exportation_country = "CN";
  declaration.destination_country = "GA";
  declaration.transport_mode = "maritime";
  declaration.lodged_at = At("2026-03-01T00:00:00Z");
  declaration.goods_items = std::move(items);
  return declaration;
}

/// The shipped rules.json with its rules replaced by `rules` (findings kept).
inline RuleSet RulesWith(const std::vector<nlohmann::json>& rules, const std::string& version = "test") {
  auto document = ShippedData("rules.json");
  document["rules"] = rules;
  document["version"] = version;
  auto set = LoadRuleSet(document);
  if (!set.ok()) throw std::runtime_error(set.error().message);
  return *std::move(set);
}

inline ScoringModel ShippedModel() {
  auto model = LoadScoringModel(ShippedData("model.json"));
  if (!model.ok()) throw std::runtime_error(model.error().message);
  return *std::move(model);
}

inline Assessor MakeAssessor(RuleSet rules, ScoringModel model = ShippedModel()) {
  return Assessor(std::make_shared<const RuleMatcher>(std::move(rules)),
                  std::make_shared<const ScoringModel>(std::move(model)));
}

/// A criterion on an HS prefix with a weight, valid from 2026.
inline nlohmann::json Criterion(const std::string& id, const std::string& hs_prefix, int weight,
                                bool confidential = false) {
  return {{"id", id},
          {"text", id + " text"},
          {"instruction", id + " instruction"},
          {"scope", {"import", "export", "transit"}},
          {"valid_from", "2026-01-01"},
          {"when", {{"hs_prefix", {hs_prefix}}}},
          {"weight", weight},
          {"confidential", confidential}};
}

}  // namespace greenlane::risk::testing
