#pragma once

#include <string_view>

#include "domain/model.h"
#include "domain/outcome.h"
#include "greenlane/core/clock.h"

namespace greenlane::timber {

/// Rule "felling.concession_valid": a concession is logged only within its validity
/// [valid_from, valid_until).
RuleOutcome CheckConcessionValid(const Concession& concession, core::TimePoint felled_at);

/// Rule "felling.allowable_cut": the volume felled in a concession for a species and calendar year,
/// this felling included, as a percentage of the allowable cut. Tiers such as warning 90 / error
/// 100 warn as the cut runs out and refuse the felling that overshoots it. No allowable cut for the
/// species and year is an error: the species was not authorised.
RuleOutcome CheckAllowableCut(const Concession& concession, std::string_view species, int year, Volume felled_before,
                              Volume this_felling, const Tiers& used_percent);

}  // namespace greenlane::timber
