#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/rule_support/confidence.h"
#include "domain/xrf/action_levels.h"
#include "greenlane/core/error.h"
#include "greenlane/instruments/reading.h"

namespace greenlane::identify::xrf {

enum class Verdict : std::uint8_t { kPass, kFail, kInconclusive };

/// "PASS", "FAIL", "INCONCLUSIVE": the words screening reports use.
std::string_view VerdictName(Verdict verdict);

struct ElementVerdict {
  std::string symbol;
  Verdict verdict = Verdict::kInconclusive;
  std::optional<instruments::Decimal> value_ppm;        ///< empty for a non-detect or an element not reported
  std::optional<instruments::Decimal> three_sigma_ppm;  ///< 3 × Error1s
  bool below_lod = false;
  std::vector<std::string> basel_y_codes;  ///< the element's Annex I constituents, e.g. {"Y31"} for Pb
  std::string reason;                      ///< the numbers and the level that decided
};

/// The verdict on one reading for one action-level set.
struct Screening {
  std::string set_id;
  Verdict verdict = Verdict::kInconclusive;  ///< any FAIL -> FAIL, else any INCONCLUSIVE -> INCONCLUSIVE, else PASS
  std::vector<ElementVerdict> elements;      ///< in the set's order
  /// Y codes of the elements that did not pass, sorted, once each: what a Basel notification concerns.
  std::vector<std::string> basel_y_codes;
  rule_support::Confidence confidence = rule_support::Confidence::kLow;
  std::string reason;
};

/// Screens `reading` against the set `set_id` of `table`. Per element: PASS when value + 3σ is
/// below the pass level, FAIL when value − 3σ is above the fail level, else INCONCLUSIVE. "<LOD"
/// passes; a value without its σ, or an element the reading does not report, is INCONCLUSIVE.
/// Errors: an unknown set (field "set"), a concentration outside ±10^6 ppm or a negative σ (field
/// "elements/<i>/...", naming the element).
core::Result<Screening> Screen(const instruments::XrfPayload& reading, const ActionLevelTable& table,
                               std::string_view set_id);

}  // namespace greenlane::identify::xrf
