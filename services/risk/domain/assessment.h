#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/lane.h"
#include "greenlane/core/clock.h"

namespace greenlane::risk {

/// Which step of the selection pipeline gave a reason.
enum class ReasonSource : std::uint8_t { kMandatory, kCriterion, kFinding, kProfile, kRandom, kCapacity };

/// "mandatory", "criterion", "finding", "profile", "random", "capacity".
std::string_view ReasonSourceName(ReasonSource source);

/// Why a declaration got its lane, in terms an officer can act on.
struct Reason {
  ReasonSource source = ReasonSource::kCriterion;
  std::string rule_id;
  std::string text;
  std::string instruction;
  std::vector<int> items;             ///< goods item sequences hit; empty for the whole declaration
  std::vector<std::string> evidence;  ///< identification results, anomalies or documents behind it
  bool confidential = false;          ///< hidden from the trader-facing view
};

/// The result of the selection pipeline for one declaration.
struct Assessment {
  std::string declaration;  ///< functional reference id
  double risk = 0;          ///< combined risk in [0, 1] before rounding; ranks declarations in backtests
  int score = 0;            ///< round(100 · risk)
  Lane lane = Lane::kGreen;
  bool mandatory = false;  ///< a mandatory rule fixed the lane
  bool random = false;     ///< drawn by random selection (whether or not it raised the lane)
  bool capacity = false;   ///< pulled up from green to fill the office's expected rate
  std::vector<Reason> reasons;
  std::string rule_set_version;
  std::string model_version;
  std::vector<std::string> evidence_references;
  core::TimePoint assessed_at{};
};

/// Who reads an assessment. Traders see the lane and the non-confidential reasons' texts; score,
/// officer instructions, profiles, random and capacity selection and evidence stay with customs,
/// because a trader who learns what triggers controls learns how to avoid them.
enum class Audience : std::uint8_t { kOfficer, kTrader };

/// The assessment as the JSON both the gRPC adapter and the REST facade return.
nlohmann::json ToJson(const Assessment& assessment, Audience audience);

/// The assessment back from its officer view (as the store keeps it) and its unrounded risk.
/// Throws nlohmann::json::exception on a document ToJson did not write.
Assessment AssessmentFromJson(const nlohmann::json& officer_view, double risk);

}  // namespace greenlane::risk
