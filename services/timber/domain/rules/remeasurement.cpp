#include "domain/rules/remeasurement.h"

#include <algorithm>
#include <cstdlib>

namespace greenlane::timber {
namespace {

// |measured - recorded| as a percentage of recorded. A twig-sized log rounds to 0 dm³; it is
// compared as 1 dm³ rather than divided by zero.
Fraction DeviationPercent(std::int64_t recorded, std::int64_t measured) {
  return {std::llabs(measured - recorded) * 100, std::max<std::int64_t>(recorded, 1)};
}

constexpr std::string_view kAction =
    "measure the log again with a witness; if it holds, the log is not the one recorded";

}  // namespace

std::vector<RuleOutcome> CheckRemeasurement(const Barcode& log, const LogMeasure& recorded, const LogMeasure& measured,
                                            const RuleSet::Remeasurement& limits) {
  // The mean diameter is compared through its double (butt + top) so it stays an integer.
  const auto recorded_diameters = recorded.butt_diameter_cm + recorded.top_diameter_cm;
  const auto measured_diameters = measured.butt_diameter_cm + measured.top_diameter_cm;
  return {
      JudgeTiers({.rule = "remeasure.diameter",
                  .subject = log.text(),
                  .value = DeviationPercent(recorded_diameters, measured_diameters),
                  .unit = " %",
                  .what = "the mean diameter's deviation from the recorded measure",
                  .action = kAction},
                 limits.diameter_percent),
      JudgeTiers({.rule = "remeasure.length",
                  .subject = log.text(),
                  .value = DeviationPercent(recorded.length_cm, measured.length_cm),
                  .unit = " %",
                  .what = "the length's deviation from the recorded measure",
                  .action = kAction},
                 limits.length_percent),
      JudgeTiers({.rule = "remeasure.volume",
                  .subject = log.text(),
                  .value = DeviationPercent(LogVolume(recorded).dm3, LogVolume(measured).dm3),
                  .unit = " %",
                  .what = "the volume's deviation from the recorded volume",
                  .action = kAction},
                 limits.volume_percent),
  };
}

}  // namespace greenlane::timber
