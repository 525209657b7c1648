#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/checks.h"
#include "domain/declaration.h"
#include "domain/lane.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"

namespace greenlane::risk {

/// A declared value per kilogram outside [min, max] (minor units of `currency` per kg): the classic
/// sign of under-valuation (duty fraud) or of a cheap declared description hiding a precious species.
struct ValueBand {
  std::string currency;
  std::int64_t min_per_kg = 0;
  std::int64_t max_per_kg = std::numeric_limits<std::int64_t>::max();
};

/// The conditions of a rule, all of which must hold; within one list any entry may match. Empty
/// lists do not constrain. Declaration-level conditions are checked once; item-level ones
/// (hs_prefixes, origin_countries, cites_appendices, missing_lpco, value band) name the items hit.
struct Conditions {
  // declaration level
  std::vector<std::string> exportation_countries;
  std::vector<std::string> destination_countries;
  std::vector<std::string> importers;
  std::vector<std::string> declarants;
  std::vector<std::string> exporters;
  std::vector<std::string> offices;
  std::vector<std::string> transport_modes;
  // item level
  std::vector<std::string> hs_prefixes;
  std::vector<std::string> origin_countries;
  std::vector<std::string> cites_appendices;
  std::vector<std::string> missing_lpco;  ///< the item carries none of these LPCO categories
  std::optional<ValueBand> value_per_kg_outside;

  bool HasItemConditions() const;
};

/// A selectivity criterion (with a weight feeding the score) or, when `mandatory_lane` is set, a
/// mandatory rule whose hit fixes the lane whatever the score.
struct Rule {
  std::string id;
  std::string text;                           ///< why the declaration is selected; shown to traders unless confidential
  std::string instruction;                    ///< what the officer must do; never shown to traders
  std::uint8_t scopes = 0;                    ///< bit (1 << DeclarationType) per type the rule applies to
  std::optional<core::TimePoint> valid_from;  ///< inclusive
  std::optional<core::TimePoint> valid_to;    ///< exclusive
  Conditions when;
  int weight = 0;  ///< 1..100, the rule's own estimate in percent that a hit is illicit
  bool confidential = false;
  std::optional<Lane> mandatory_lane;

  bool AppliesTo(DeclarationType type) const { return (scopes & (1U << static_cast<unsigned>(type))) != 0; }
  bool ValidAt(core::TimePoint at) const { return (!valid_from || at >= *valid_from) && (!valid_to || at < *valid_to); }
};

/// How one kind of check finding is reported and the lowest lane it allows.
struct FindingRule {
  std::string id;
  std::string text;
  std::string instruction;
  Lane minimum_lane = Lane::kYellow;
  bool confidential = false;
};

/// A versioned set of rules as administrations publish them; a new version is dry-run before it
/// is activated, and every assessment names the version it used.
struct RuleSet {
  std::string version;
  std::vector<Rule> rules;
  std::array<FindingRule, kFindingKindCount> findings;

  const FindingRule& Finding(FindingKind kind) const { return findings[static_cast<std::size_t>(kind)]; }
};

/// Parses rules.json (services/risk/data/rules.json is the shipped one). Rule ids are unique, every finding kind is
/// handled, and "document_not_answered" cannot allow green: a service that did not answer must
/// never let goods through unchecked. Errors name the field by JSON pointer.
core::Result<RuleSet> LoadRuleSet(const nlohmann::json& document);

}  // namespace greenlane::risk
