#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greenlane/core/error.h"
#include "greenlane/instruments/decimal.h"

namespace greenlane::identify::wood {

/// CITES appendices in order of restriction, so the strictest of several is the largest.
enum class Appendix : std::uint8_t { kNotListed, kIII, kII, kI };

/// "not listed", "III", "II", "I".
std::string_view AppendixName(Appendix appendix);

struct ListedSpecies {
  std::string name;  ///< "Swietenia macrophylla"
  Appendix appendix = Appendix::kII;
  std::string note;  ///< e.g. "Neotropical populations"
};

/// A class of an image classifier (a genus or species group) and the CITES status of what it may
/// be: an image shows wood anatomy, which rarely separates species within a genus.
struct WoodClass {
  std::string name;                               ///< "Dalbergia"
  std::vector<ListedSpecies> species;             ///< species of the class with their own listing
  Appendix other_species = Appendix::kNotListed;  ///< status of every other species of the class
  std::string note;

  /// The strictest appendix any specimen of the class can fall under.
  Appendix Strictest() const;
  /// True when specimens of the class differ in status, so only a species-level identification
  /// (laboratory) settles which appendix applies.
  bool DependsOnSpecies() const;
};

/// Score thresholds under which a classifier result is inconclusive; a laboratory sets them from
/// the model's validation. The data file ships defaults.
struct WoodOptions {
  instruments::Decimal min_top_score{70, 2};
  instruments::Decimal min_margin{20, 2};  ///< top score minus the second
};

class WoodClassTable {
 public:
  /// Nullptr when the table has no such class.
  const WoodClass* Find(std::string_view name) const;
  const std::vector<WoodClass>& classes() const { return classes_; }
  const WoodOptions& defaults() const { return defaults_; }

 private:
  friend core::Result<WoodClassTable> LoadWoodClasses(const nlohmann::json& document);

  std::vector<WoodClass> classes_;
  WoodOptions defaults_;
};

/// Loads services/identify/data/wood_classes.json. Errors name the member as a JSON pointer: an
/// appendix other than I, II, III, a class listed twice, a threshold outside 0 to 1.
core::Result<WoodClassTable> LoadWoodClasses(const nlohmann::json& document);

}  // namespace greenlane::identify::wood
