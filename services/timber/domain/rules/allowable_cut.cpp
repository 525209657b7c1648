#include "domain/rules/allowable_cut.h"

#include <string>

namespace greenlane::timber {

RuleOutcome CheckConcessionValid(const Concession& concession, core::TimePoint felled_at) {
  constexpr std::string_view kRule = "felling.concession_valid";
  const auto validity =
      core::FormatRfc3339(concession.valid_from, 0) + " to " + core::FormatRfc3339(concession.valid_until, 0);
  const auto when = core::FormatRfc3339(felled_at, 0);
  if (felled_at < concession.valid_from || felled_at >= concession.valid_until) {
    return Reject(kRule, concession.id, when, validity,
                  "felling at " + when + " is outside the validity of concession " + concession.name + " (" + validity +
                      "); no felling is allowed without a valid concession");
  }
  return Pass(kRule, concession.id, when, validity);
}

RuleOutcome CheckAllowableCut(const Concession& concession, std::string_view species, int year, Volume felled_before,
                              Volume this_felling, const Tiers& used_percent) {
  constexpr std::string_view kRule = "felling.allowable_cut";
  const auto total = felled_before + this_felling;
  const auto allowed = concession.AllowableCutFor(species, year);
  if (!allowed || allowed->dm3 == 0) {
    return Reject(kRule, concession.id, total.ToString(), "no allowable cut",
                  "concession " + concession.name + " has no allowable cut for " + std::string(species) + " in " +
                      std::to_string(year) + "; fell only the species the annual plan authorises");
  }
  const auto what = "the " + std::to_string(year) + " cut of " + std::string(species) + " in concession " +
                    concession.name + " (" + total.ToString() + " of " + allowed->ToString() + ")";
  return JudgeTiers({.rule = kRule,
                     .subject = concession.id,
                     .value = {total.dm3 * 100, allowed->dm3},
                     .unit = " %",
                     .what = what,
                     .action = "stop felling this species for the year or obtain a revised annual plan"},
                    used_percent);
}

}  // namespace greenlane::timber
