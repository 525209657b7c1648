#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace greenlane::timber {

/// What a rule decides about one step: accept it, accept it and raise an anomaly that officers
/// review and risk scoring uses, or reject it.
enum class Severity { kPass, kWarning, kError };

std::string_view SeverityName(Severity severity);

/// The answer of one rule, complete enough to show an officer or a trader without looking anything
/// up: which rule, about what, the value seen, the limit, and what to do.
struct RuleOutcome {
  std::string rule;  ///< stable id, e.g. "transport.speed"; anomalies and risk rules key on it
  Severity severity = Severity::kPass;
  std::string subject;  ///< the barcode, document or concession checked
  std::string value;    ///< the value seen, with its unit, e.g. "134.20 km/h"
  std::string limit;    ///< the limit crossed (the first limit when passing), with its unit
  std::string message;  ///< what was wrong and what to do

  bool rejected() const { return severity == Severity::kError; }
};

/// A numeric rule's two limits in hundredths of the rule's unit (percent, metres, km/h, hours):
/// a value above `warning` is accepted with an anomaly, above `error` it is rejected. Hundredths
/// keep "5.5 %" exact.
struct Tiers {
  std::int64_t warning = 0;
  std::int64_t error = 0;
};

/// An exact measured value numerator/denominator in the rule's unit (denominator > 0), so a
/// percentage of two volumes is compared without rounding.
struct Fraction {
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
};

/// What a two-tier rule measured, for its message: "<what> is <value>" and, when the step is
/// flagged or refused, "<action>".
struct Measured {
  std::string_view rule;
  std::string subject;
  Fraction value;
  std::string_view unit;    ///< e.g. "%", " km/h" (with its leading space when it needs one)
  std::string_view what;    ///< e.g. "speed between GPS points 3 and 4"
  std::string_view action;  ///< e.g. "check the track or the truck's clock"
};

/// Classifies a measured value against its tiers (strictly above a limit crosses it) and writes the
/// outcome with the value and limit at two decimals.
RuleOutcome JudgeTiers(const Measured& measured, const Tiers& tiers);

/// Outcomes of rules that have one limit and no tolerance (a parent that does not exist, a waybill
/// at night): pass or error.
RuleOutcome Pass(std::string_view rule, std::string subject, std::string value = {}, std::string limit = {});
RuleOutcome Reject(std::string_view rule, std::string subject, std::string value, std::string limit,
                   std::string message);

}  // namespace greenlane::timber
