#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "greenlane/core/error.h"
#include "greenlane/instruments/decimal.h"

namespace greenlane::identify::qpcr {

/// The windows inside which an amplification counts as the assay's target: a curve that rises too
/// late is background, and a melt peak elsewhere is another product (primer dimers, a non-target
/// species). Both come from the assay's validation.
struct Assay {
  std::string target;  ///< as the instrument writes it: "CITES-multiplex"
  std::string description;
  instruments::Decimal cq_max;
  instruments::Decimal tm_min_celsius;
  instruments::Decimal tm_max_celsius;
  std::string positive_finding;  ///< what a positive means: "CITES-listed shark detected, confirm by sequencing"
};

class AssayTable {
 public:
  /// Nullptr when no assay has this target.
  const Assay* Find(std::string_view target) const;
  const std::vector<Assay>& assays() const { return assays_; }

 private:
  friend core::Result<AssayTable> LoadQpcrAssays(const nlohmann::json& document);

  std::vector<Assay> assays_;
};

/// Loads services/identify/data/qpcr_assays.json. Errors name the member as a JSON pointer: a Cq
/// cut-off outside 0 to 60 cycles, a Tm window outside 0 to 120 °C or inverted, a target listed twice.
core::Result<AssayTable> LoadQpcrAssays(const nlohmann::json& document);

}  // namespace greenlane::identify::qpcr
