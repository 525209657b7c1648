#include "domain/rules/sawmill_yield.h"

#include <algorithm>

namespace greenlane::timber {
namespace {

constexpr std::string_view kRule = "sawmill.yield";
constexpr std::int64_t kHundredPercent = 100 * 100;

}  // namespace

RuleOutcome CheckSawmillYield(std::string_view processing_id, const Species& species, Volume input,
                              const std::vector<ProductOutput>& outputs, const Tiers& excess_percent) {
  const std::string subject(processing_id);
  // Input each product needs, rounded up to the cubic decimetre so that rounding never hides wood.
  Volume needed;
  Volume produced;
  for (const auto& output : outputs) {
    const auto yield = species.MaxYield(output.product);
    if (!yield) {
      return Reject(kRule, subject, output.product, "a product with a maximum yield",
                    species.scientific_name + " has no maximum yield for product '" + output.product +
                        "'; declare one of the species' product types or ask for the product to be added");
    }
    needed.dm3 += (output.volume.dm3 * kHundredPercent + *yield - 1) / *yield;
    produced += output.volume;
  }
  const auto excess = std::max<std::int64_t>(0, (needed - input).dm3);
  const auto what = "the excess of the " + produced.ToString() + " output of " + species.scientific_name +
                    " (needing at least " + needed.ToString() + " of logs) over the " + input.ToString() + " sawn";
  return JudgeTiers({.rule = kRule,
                     .subject = subject,
                     .value = {excess * 100, std::max<std::int64_t>(input.dm3, 1)},
                     .unit = " %",
                     .what = what,
                     .action = "declare every input log of the run; a mill that yields more than it received is "
                               "passing undeclared wood"},
                    excess_percent);
}

}  // namespace greenlane::timber
