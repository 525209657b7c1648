#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/declaration.h"
#include "domain/rule_set.h"

namespace greenlane::risk {

/// One rule that hit: its index in the rule set and the sequences of the goods items that met its
/// item conditions (empty for a rule with declaration-level conditions only).
struct RuleHit {
  std::uint32_t rule_index = 0;
  std::vector<int> items;
};

/// A rule set prepared for fast matching. Most criteria name HS prefixes, so rules are indexed by
/// prefix and an item only visits the rules whose prefix it starts with, plus the few without one:
/// matching costs what a declaration hits, not the size of the rule set.
class RuleMatcher {
 public:
  explicit RuleMatcher(RuleSet rules);

  const RuleSet& rules() const { return rules_; }

  /// The rules that apply to `declaration` at `at` (scope and validity window) and whose conditions
  /// hold, in rule-set order.
  std::vector<RuleHit> Match(const Declaration& declaration, core::TimePoint at) const;

 private:
  struct PrefixHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };

  bool DeclarationMatches(const Rule& rule, const Declaration& declaration, core::TimePoint at) const;

  RuleSet rules_;
  std::unordered_map<std::string, std::vector<std::uint32_t>, PrefixHash, std::equal_to<>> by_prefix_;
  std::vector<std::size_t> prefix_lengths_;          // distinct lengths in by_prefix_, ascending
  std::vector<std::uint32_t> item_rules_unindexed_;  // item conditions but no HS prefix
  std::vector<std::uint32_t> declaration_rules_;     // no item conditions at all
};

}  // namespace greenlane::risk
