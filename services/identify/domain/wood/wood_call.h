#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/rule_support/confidence.h"
#include "domain/wood/wood_classes.h"
#include "greenlane/core/error.h"
#include "greenlane/instruments/reading.h"

namespace greenlane::identify::wood {

/// One of the classifier's top classes, with what CITES says about it.
struct ClassStatus {
  std::string name;  ///< the model's class, "Swietenia"
  instruments::Decimal score;
  bool in_table = false;  ///< false: Greenlane's table does not know the class; check Species+
  Appendix strictest = Appendix::kNotListed;
  bool depends_on_species = false;
  std::vector<ListedSpecies> listed_species;
  std::string status;  ///< "CITES Appendix II: Swietenia macrophylla, Swietenia mahagoni; other species II"
};

enum class WoodVerdict : std::uint8_t {
  kIdentified,    ///< the top class clears both thresholds
  kInconclusive,  ///< low top score or margin: refer to the laboratory
};

/// "identified", "inconclusive".
std::string_view WoodVerdictName(WoodVerdict verdict);

struct WoodIdentification {
  WoodVerdict verdict = WoodVerdict::kInconclusive;
  std::vector<ClassStatus> top;  ///< the classifier's three, best first
  instruments::Decimal margin;   ///< top score minus the second
  /// True when inconclusive, and when the class is identified but its species differ in status
  /// (Dalbergia: App. I or II) or the table does not know it: a laboratory must name the species.
  bool refer_to_laboratory = true;
  rule_support::Confidence confidence = rule_support::Confidence::kLow;
  std::string reason;
};

/// Interprets a wood-image classifier result. Errors name the field: a score outside 0 to 1, or
/// top classes not ranked best first.
core::Result<WoodIdentification> InterpretWoodImage(const instruments::WoodImagePayload& reading,
                                                    const WoodClassTable& table, const WoodOptions& options);

}  // namespace greenlane::identify::wood
