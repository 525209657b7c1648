#pragma once

#include <array>
#include <string>
#include <vector>

#include "domain/declaration.h"
#include "domain/lane.h"
#include "domain/model.h"
#include "domain/profiles.h"

namespace greenlane::risk {

/// The score of a declaration, 0 to 100, is one probability-like risk built from two parts:
///
///   rules    R = 1 − Π (1 − wᵢ/100)       over the criteria hit, wᵢ their weights (1..100)
///   profiles P = σ( logit(b) + Σ_d α_d · (logit(r_d) − logit(b)) )
///   risk       = 1 − (1 − R)(1 − P)
///   score      = round(100 · risk)
///
/// R treats each criterion as an independent estimate that the declaration is illicit, so hits add
/// up without ever passing 100 and the order of rules does not matter. P starts at the base rate b
/// and moves by each dimension's evidence (log-odds lift of its smoothed rate r_d over b, for item
/// dimensions the riskiest item), tempered by the weight α_d; a declaration nobody knows anything
/// about scores about 100·b. The two combine as the chance that at least one of them is right.

/// The strongest profile key of one dimension for a declaration.
struct ProfileSignal {
  ProfileDimension dimension = ProfileDimension::kImporter;
  std::string key;
  ProfileCounts counts;
  double rate = 0;  ///< smoothed illicit rate
};

struct ProfileAssessment {
  double probability = 0;              ///< P above
  std::vector<ProfileSignal> signals;  ///< one per dimension the declaration has a key in
};

/// R above.
double RuleRisk(const std::vector<int>& weights);

/// P above, with the signals it was computed from.
ProfileAssessment AssessProfiles(const Declaration& declaration, const ProfileStore& profiles,
                                 const ScoringModel& model);

/// The combined risk and the score in 0..100.
double CombineRisk(double rule_risk, double profile_risk);
int ScoreOf(double risk);

/// The lane the thresholds give a score.
Lane LaneOfScore(int score, const ScoringModel& model);

}  // namespace greenlane::risk
