#include "domain/rule_support/confidence.h"

namespace greenlane::identify::rule_support {

std::string_view ConfidenceName(Confidence confidence) {
  switch (confidence) {
    case Confidence::kHigh:
      return "high";
    case Confidence::kMedium:
      return "medium";
    case Confidence::kLow:
      return "low";
  }
  return "low";
}

}  // namespace greenlane::identify::rule_support
