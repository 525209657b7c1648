#include "domain/rule_matcher.h"

#include <algorithm>
#include <utility>

namespace greenlane::risk {
namespace {

bool Allows(const std::vector<std::string>& list, std::string_view value) {
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

bool OutsideBand(const ValueBand& band, const GoodsItem& item) {
  // A mass of zero has no value per kg; an empty mass is for other rules to catch.
  if (item.currency != band.currency || item.net_mass <= 0) return false;
  // value (minor units) per kg = value × 1000 / grams; compare cross-multiplied to stay exact.
  const auto scaled_value = static_cast<__int128>(item.value) * 1000;
  return scaled_value < static_cast<__int128>(band.min_per_kg) * item.net_mass ||
         scaled_value > static_cast<__int128>(band.max_per_kg) * item.net_mass;
}

bool MissesDocuments(const std::vector<std::string>& categories, const GoodsItem& item) {
  return std::none_of(item.lpco.begin(), item.lpco.end(), [&](const LpcoDocument& document) {
    return std::find(categories.begin(), categories.end(), document.category) != categories.end();
  });
}

// Item conditions other than the HS prefix, which the index checks before a rule is visited.
bool ItemMatchesBesidesHs(const Conditions& when, const GoodsItem& item) {
  return Allows(when.origin_countries, item.origin_country) &&
         (when.cites_appendices.empty() || Allows(when.cites_appendices, item.cites_appendix)) &&
         (when.missing_lpco.empty() || MissesDocuments(when.missing_lpco, item)) &&
         (!when.value_per_kg_outside || OutsideBand(*when.value_per_kg_outside, item));
}

}  // namespace

RuleMatcher::RuleMatcher(RuleSet rules) : rules_(std::move(rules)) {
  for (std::uint32_t index = 0; index < rules_.rules.size(); ++index) {
    const auto& when = rules_.rules[index].when;
    if (!when.HasItemConditions()) {
      declaration_rules_.push_back(index);
    } else if (when.hs_prefixes.empty()) {
      item_rules_unindexed_.push_back(index);
    } else {
      for (const auto& prefix : when.hs_prefixes) {
        auto& list = by_prefix_[prefix];
        if (list.empty() || list.back() != index) list.push_back(index);
        if (std::find(prefix_lengths_.begin(), prefix_lengths_.end(), prefix.size()) == prefix_lengths_.end()) {
          prefix_lengths_.push_back(prefix.size());
        }
      }
    }
  }
  std::sort(prefix_lengths_.begin(), prefix_lengths_.end());
}

bool RuleMatcher::DeclarationMatches(const Rule& rule, const Declaration& declaration, core::TimePoint at) const {
  const auto& when = rule.when;
  return rule.AppliesTo(declaration.type) && rule.ValidAt(at) &&
         Allows(when.exportation_countries, declaration.exportation_country) &&
         Allows(when.destination_countries, declaration.destination_country) &&
         Allows(when.importers, declaration.importer) && Allows(when.declarants, declaration.declarant) &&
         Allows(when.exporters, declaration.exporter) && Allows(when.offices, declaration.customs_office) &&
         Allows(when.transport_modes, declaration.transport_mode);
}

std::vector<RuleHit> RuleMatcher::Match(const Declaration& declaration, core::TimePoint at) const {
  // (rule, item position) candidates that passed the HS index; sorted, they group by rule in order.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;
  for (std::uint32_t position = 0; position < declaration.goods_items.size(); ++position) {
    const std::string_view hs = declaration.goods_items[position].hs_code;
    for (auto length : prefix_lengths_) {
      if (length > hs.size()) break;
      const auto found = by_prefix_.find(hs.substr(0, length));
      if (found == by_prefix_.end()) continue;
      for (auto rule : found->second) candidates.emplace_back(rule, position);
    }
    for (auto rule : item_rules_unindexed_) candidates.emplace_back(rule, position);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  std::vector<RuleHit> hits;
  for (std::size_t i = 0; i < candidates.size();) {
    const auto rule_index = candidates[i].first;
    const auto& rule = rules_.rules[rule_index];
    const bool applies = DeclarationMatches(rule, declaration, at);
    RuleHit hit{rule_index, {}};
    for (; i < candidates.size() && candidates[i].first == rule_index; ++i) {
      const auto& item = declaration.goods_items[candidates[i].second];
      if (applies && ItemMatchesBesidesHs(rule.when, item)) hit.items.push_back(item.sequence);
    }
    if (!hit.items.empty()) hits.push_back(std::move(hit));
  }
  for (auto rule_index : declaration_rules_) {
    if (DeclarationMatches(rules_.rules[rule_index], declaration, at)) hits.push_back(RuleHit{rule_index, {}});
  }
  std::sort(hits.begin(), hits.end(), [](const RuleHit& a, const RuleHit& b) { return a.rule_index < b.rule_index; });
  return hits;
}

}  // namespace greenlane::risk
