#include "domain/outcome.h"

#include "greenlane/core/fixed_point.h"

namespace greenlane::timber {
namespace {

constexpr int kTierDigits = 2;

// numerator/denominator > hundredths/100, exactly.
bool Above(const Fraction& value, std::int64_t hundredths) {
  return static_cast<__int128>(value.numerator) * 100 > static_cast<__int128>(hundredths) * value.denominator;
}

// Rounded half away from zero to hundredths, for display only.
std::int64_t ToHundredths(const Fraction& value) {
  const auto scaled = static_cast<__int128>(value.numerator) * 100;
  const auto half = value.denominator / 2;
  const auto rounded = scaled >= 0 ? (scaled + half) / value.denominator : (scaled - half) / value.denominator;
  return static_cast<std::int64_t>(rounded);
}

std::string WithUnit(std::int64_t hundredths, std::string_view unit) {
  return core::FormatFixedPoint(hundredths, kTierDigits) + std::string(unit);
}

}  // namespace

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kPass:
      return "pass";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "unknown";
}

RuleOutcome JudgeTiers(const Measured& measured, const Tiers& tiers) {
  RuleOutcome outcome{.rule = std::string(measured.rule),
                      .subject = measured.subject,
                      .value = WithUnit(ToHundredths(measured.value), measured.unit)};
  const auto sentence = std::string(measured.what) + " is " + outcome.value;
  if (Above(measured.value, tiers.error)) {
    outcome.severity = Severity::kError;
    outcome.limit = WithUnit(tiers.error, measured.unit);
    outcome.message =
        sentence + ", above the limit of " + outcome.limit + ": rejected; " + std::string(measured.action);
  } else if (Above(measured.value, tiers.warning)) {
    outcome.severity = Severity::kWarning;
    outcome.limit = WithUnit(tiers.warning, measured.unit);
    outcome.message = sentence + ", above the warning limit of " + outcome.limit +
                      ": accepted and flagged for an officer; " + std::string(measured.action);
  } else {
    outcome.limit = WithUnit(tiers.warning, measured.unit);
    outcome.message = sentence + ", within " + outcome.limit;
  }
  return outcome;
}

RuleOutcome Pass(std::string_view rule, std::string subject, std::string value, std::string limit) {
  return {.rule = std::string(rule),
          .severity = Severity::kPass,
          .subject = std::move(subject),
          .value = std::move(value),
          .limit = std::move(limit),
          .message = "passed"};
}

RuleOutcome Reject(std::string_view rule, std::string subject, std::string value, std::string limit,
                   std::string message) {
  return {.rule = std::string(rule),
          .severity = Severity::kError,
          .subject = std::move(subject),
          .value = std::move(value),
          .limit = std::move(limit),
          .message = std::move(message)};
}

}  // namespace greenlane::timber
