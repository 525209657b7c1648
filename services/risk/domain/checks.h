#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace greenlane::risk {

/// What the other services said about a declaration before it is scored. The risk service fills
/// these from cites, timber and identify with deadlines; the domain only judges them, so every
/// judgement is testable without a network.

/// The answer about one LPCO document: the owning service found it valid for this item (exists,
/// matches species, HS code and quantity, enough left to write off), found it invalid (`detail`
/// says which check failed), or did not answer before the deadline.
enum class DocumentStatus : std::uint8_t { kValid, kInvalid, kNotAnswered };

struct DocumentCheck {
  int item_sequence = 0;
  std::string category;
  std::string document_id;
  DocumentStatus status = DocumentStatus::kValid;
  std::string detail;
};

/// A finding linked to the consignment by identification or by the timber chain of custody.
enum class EvidenceKind : std::uint8_t {
  kSpeciesMismatch,      ///< identified species differs from the declared one
  kCitesListedFound,     ///< a CITES-listed species was identified in goods not declared as such
  kRefrigerantMismatch,  ///< the analysed refrigerant blend is not the declared one
  kXrfFail,              ///< XRF screening over a restricted-substance limit
  kTimberAnomaly,        ///< the timber service raised an anomaly on wood in this consignment
  kControlledSubstance,  ///< a Montreal Protocol substance was found in the goods
  kHydrocarbonAlarm,     ///< a flammable hydrocarbon refrigerant was found (handling hazard, often mislabelled)
  kInconclusive,         ///< identification could not decide; the sample is referred to a laboratory
};

struct Evidence {
  EvidenceKind kind = EvidenceKind::kSpeciesMismatch;
  std::string reference;  ///< id of the identification result or anomaly, so officers can open it
  int item_sequence = 0;  ///< 0 when the finding is about the whole consignment
  std::string detail;
  /// How much the finding adds to the rule risk, like a criterion's weight (0..100; 0 adds nothing,
  /// the finding then only sets its minimum lane). From services/risk/data/evidence.json.
  int weight = 0;
};

struct CheckInputs {
  std::vector<DocumentCheck> documents;
  std::vector<Evidence> evidence;
  /// The CITES appendix ("" = not listed) cites gave per declared scientific name, kept so a replay
  /// sets GoodsItem::cites_appendix as the assessment had it.
  std::map<std::string, std::string, std::less<>> cites_appendices;
};

/// What the checks answered, kept with the assessment so a dry run or a backtest replays the
/// declaration with the answers it had. FromJson throws nlohmann::json::exception on a document
/// ToJson did not write.
nlohmann::json ToJson(const CheckInputs& checks);
CheckInputs CheckInputsFromJson(const nlohmann::json& json);

/// Everything that can come back from the checks and that a rule set must say how to handle:
/// the two bad document answers, then one per evidence kind (in EvidenceKind order).
enum class FindingKind : std::uint8_t {
  kDocumentInvalid,
  kDocumentNotAnswered,
  kSpeciesMismatch,
  kCitesListedFound,
  kRefrigerantMismatch,
  kXrfFail,
  kTimberAnomaly,
  kControlledSubstance,
  kHydrocarbonAlarm,
  kInconclusive,
};
inline constexpr std::size_t kFindingKindCount = 10;

/// The names used in rules.json: "document_invalid", "document_not_answered", "species_mismatch", ...
std::string_view FindingKindName(FindingKind kind);
std::optional<FindingKind> ParseFindingKind(std::string_view name);

/// The finding kind of an evidence item, and of a document answer (nullopt for a valid document).
FindingKind FindingOf(EvidenceKind kind);
std::optional<FindingKind> FindingOf(DocumentStatus status);

}  // namespace greenlane::risk
