#pragma once

#include <memory>

#include "domain/assessment.h"
#include "domain/checks.h"
#include "domain/declaration.h"
#include "domain/model.h"
#include "domain/profiles.h"
#include "domain/rule_matcher.h"

namespace greenlane::risk {

/// The deterministic steps of selection, 1 to 6: mandatory rules, criteria, document answers,
/// evidence, profiles, score and lane. Random selection and capacity (selection.h) come after and
/// are kept apart because they depend on chance and on the other declarations of the office.
///
/// The lane is the highest mandatory lane when a mandatory rule hit, else the lane of the score;
/// then no finding may leave it below the finding's minimum lane, which is how a check nobody
/// answered in time sends the declaration to at least yellow instead of green.
///
/// Immutable and thread-safe; a new rule set or model means a new Assessor.
class Assessor {
 public:
  Assessor(std::shared_ptr<const RuleMatcher> rules, std::shared_ptr<const ScoringModel> model);

  /// Assesses `declaration` at `at` (which selects the rules valid then) with what the checks
  /// answered and the profiles learned so far.
  Assessment Assess(const Declaration& declaration, const CheckInputs& checks, const ProfileStore& profiles,
                    core::TimePoint at) const;

  const RuleSet& rule_set() const { return rules_->rules(); }

 private:
  std::shared_ptr<const RuleMatcher> rules_;
  std::shared_ptr<const ScoringModel> model_;
};

}  // namespace greenlane::risk
