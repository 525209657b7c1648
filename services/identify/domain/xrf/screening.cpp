#include "domain/xrf/screening.h"

#include <algorithm>
#include <set>

#include "domain/rule_support/exact.h"

namespace greenlane::identify::xrf {
namespace {

using instruments::Decimal;
using rule_support::Confidence;

std::string Ppm(const Decimal& value) { return value.ToString() + " ppm"; }

core::Status CheckReading(const instruments::XrfPayload& reading) {
  const Decimal max(kMaxPpm, 0);
  const Decimal min(-kMaxPpm, 0);
  for (std::size_t i = 0; i < reading.elements.size(); ++i) {
    const auto& element = reading.elements[i];
    const std::string path = "elements/" + std::to_string(i);
    if (element.concentration_ppm && !rule_support::Within(*element.concentration_ppm, min, max)) {
      return core::Error::InvalidArgument(
          path + "/concentration_ppm",
          element.symbol + " concentration " + Ppm(*element.concentration_ppm) + " is outside ±" + Ppm(max));
    }
    if (element.error_1s_ppm && !rule_support::Within(*element.error_1s_ppm, Decimal(0, 0), max)) {
      return core::Error::InvalidArgument(
          path + "/error_1s_ppm",
          element.symbol + " 1σ error " + Ppm(*element.error_1s_ppm) + " is outside 0 to " + Ppm(max));
    }
  }
  return {};
}

// What a non-pass means for an element measured through a proxy or protecting a legal limit.
std::string Context(const ActionLevel& level) {
  std::string text;
  if (!level.proxy_for.empty()) text += "; XRF measures total " + level.symbol + " as a proxy for " + level.proxy_for;
  if (level.legal_limit_ppm) text += "; legal limit " + Ppm(*level.legal_limit_ppm);
  return text;
}

ElementVerdict Judge(const ActionLevel& level, const instruments::XrfElement* element) {
  ElementVerdict verdict;
  verdict.symbol = level.symbol;
  if (element == nullptr) {
    verdict.reason = level.symbol + " is not reported by this reading: measure again in a mode that reports it";
    return verdict;
  }
  if (element->below_lod) {
    verdict.below_lod = true;
    verdict.verdict = Verdict::kPass;
    verdict.reason = level.symbol + " below the limit of detection";
    return verdict;
  }
  verdict.value_ppm = element->concentration_ppm;
  if (!element->concentration_ppm || !element->error_1s_ppm) {
    verdict.reason = level.symbol + " is reported without both value and 1σ error (value " +
                     (element->concentration_ppm ? Ppm(*element->concentration_ppm) : std::string("missing")) +
                     "): a verdict needs both; measure again";
    return verdict;
  }
  const Decimal value = *element->concentration_ppm;
  const Decimal three_sigma = rule_support::Times(*element->error_1s_ppm, 3);
  verdict.three_sigma_ppm = three_sigma;
  const Decimal upper = rule_support::Plus(value, three_sigma);
  const Decimal lower = rule_support::Minus(value, three_sigma);
  const std::string measured = level.symbol + " " + value.ToString() + " ± " + Ppm(three_sigma) + " (3σ)";
  if (upper < level.pass_below_ppm) {
    verdict.verdict = Verdict::kPass;
    verdict.reason =
        measured + ": upper bound " + Ppm(upper) + " is below the " + Ppm(level.pass_below_ppm) + " pass level";
  } else if (level.fail_above_ppm && lower > *level.fail_above_ppm) {
    verdict.verdict = Verdict::kFail;
    verdict.reason = measured + ": lower bound " + Ppm(lower) + " is above the " + Ppm(*level.fail_above_ppm) +
                     " fail level" + Context(level);
  } else {
    verdict.reason = measured + ": " + Ppm(lower) + " to " + Ppm(upper) + " is not below the " +
                     Ppm(level.pass_below_ppm) + " pass level" +
                     (level.fail_above_ppm ? " nor above the " + Ppm(*level.fail_above_ppm) + " fail level"
                                           : " and XRF cannot fail " + level.symbol) +
                     Context(level) + "; refer to the customs laboratory";
  }
  return verdict;
}

std::string Symbols(const std::vector<ElementVerdict>& elements, Verdict verdict) {
  std::string text;
  for (const auto& element : elements) {
    if (element.verdict == verdict) text += (text.empty() ? "" : ", ") + element.symbol;
  }
  return text;
}

}  // namespace

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass:
      return "PASS";
    case Verdict::kFail:
      return "FAIL";
    case Verdict::kInconclusive:
      return "INCONCLUSIVE";
  }
  return "INCONCLUSIVE";
}

core::Result<Screening> Screen(const instruments::XrfPayload& reading, const ActionLevelTable& table,
                               std::string_view set_id) {
  const ActionLevelSet* set = table.Find(set_id);
  if (set == nullptr) {
    const std::string name(set_id);
    return core::Error::InvalidArgument("set", "'" + name + "' is not an action-level set");
  }
  if (auto status = CheckReading(reading); !status) return status.error();

  Screening screening;
  screening.set_id = set->id;
  std::set<std::string> codes;
  for (const auto& level : set->elements) {
    ElementVerdict verdict = Judge(level, reading.Find(level.symbol));
    verdict.basel_y_codes = table.BaselYCodes(level.symbol);
    if (verdict.verdict != Verdict::kPass) codes.insert(verdict.basel_y_codes.begin(), verdict.basel_y_codes.end());
    screening.elements.push_back(std::move(verdict));
  }
  screening.basel_y_codes.assign(codes.begin(), codes.end());

  const auto any = [&](Verdict verdict) {
    return std::any_of(screening.elements.begin(), screening.elements.end(),
                       [&](const ElementVerdict& element) { return element.verdict == verdict; });
  };
  // PASS and FAIL are decided at 3σ, about 99.7 % one-sided coverage: an officer can act on them.
  if (any(Verdict::kFail)) {
    screening.verdict = Verdict::kFail;
    screening.confidence = Confidence::kHigh;
    screening.reason = set->name + ": FAIL for " + Symbols(screening.elements, Verdict::kFail) +
                       " (lower bound at 3σ above the fail level)";
  } else if (any(Verdict::kInconclusive)) {
    screening.verdict = Verdict::kInconclusive;
    screening.confidence = Confidence::kLow;
    screening.reason = set->name + ": INCONCLUSIVE for " + Symbols(screening.elements, Verdict::kInconclusive) +
                       "; refer the sample to the customs laboratory";
  } else {
    screening.verdict = Verdict::kPass;
    screening.confidence = Confidence::kHigh;
    screening.reason = set->name + ": every element below its pass level at 3σ";
  }
  return screening;
}

}  // namespace greenlane::identify::xrf
