#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/rule_support/confidence.h"
#include "greenlane/core/clock.h"

namespace greenlane::identify {

/// The topic of the event published for every stored result.
inline constexpr const char* kResultReadyTopic = "identify.result.ready";

/// Finding codes other services act on (risk maps each to a weight through its own data file), so
/// they are a fixed vocabulary, never free text.
namespace finding_code {
inline constexpr const char* kCitesListedSpecies = "cites_listed_species";
inline constexpr const char* kSpeciesIdentified = "species_identified";
inline constexpr const char* kRefrigerantMismatch = "refrigerant_mismatch";
inline constexpr const char* kControlledSubstance = "controlled_substance";
inline constexpr const char* kHydrocarbonAlarm = "hydrocarbon_alarm";
inline constexpr const char* kXrfFail = "xrf_fail";
inline constexpr const char* kInconclusive = "inconclusive";
}  // namespace finding_code

struct Finding {
  std::string code;  ///< one of finding_code
  std::string message;
  std::string species;         ///< "" unless about a species
  std::string cites_appendix;  ///< "I", "II", "III" or ""
  std::string substance;       ///< refrigerant name or ""
  std::string element;         ///< XRF element symbol or ""
  friend bool operator==(const Finding&, const Finding&) = default;
};

struct ConsignmentRef {
  std::string declaration, container, item;
};

/// What identify answers about one reading (or one ad-hoc request): the same shape whatever the
/// kind, so officers, risk and the REST facade read one schema; the kind-specific detail is in
/// `details`.
struct Identification {
  std::string result_id;   ///< "" until stored
  std::string reading_id;  ///< "" for an ad-hoc answer
  std::string kind;        ///< xrf | refrigerant | wood | qpcr | dart
  ConsignmentRef consignment;
  std::string verdict;
  double confidence = 0;  ///< 0..1
  std::string summary;
  std::vector<Finding> findings;
  nlohmann::json details = nlohmann::json::object();
  core::TimePoint produced_at{};
};

/// The rules' three-level confidence as the 0..1 number results carry: high 0.9, medium 0.6, low 0.3.
double ConfidenceValue(rule_support::Confidence confidence);

/// The kind name results use for an ingest reading kind ("wood_image" -> "wood"); "" when identify
/// has nothing to say about the kind.
std::string_view ResultKindOf(std::string_view reading_kind);

nlohmann::json FindingsJson(const std::vector<Finding>& findings);
/// The reverse of FindingsJson, for rows read back from the store.
std::vector<Finding> FindingsFromJson(const nlohmann::json& findings);

/// The identify.result.ready payload: result_id, reading_id, kind, consignment, verdict,
/// confidence, summary, findings (optional members only when set), produced_at (RFC 3339).
nlohmann::json ResultReadyPayload(const Identification& identification);

/// A result for a reading whose payload cannot be read: verdict "invalid", refer to the
/// laboratory, with the reason. Stored like any other, so a broken reading is answered once
/// instead of being retried forever.
Identification InvalidReading(std::string kind, const std::string& field, const std::string& reason);

}  // namespace greenlane::identify
