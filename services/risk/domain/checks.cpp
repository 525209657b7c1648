#include "domain/checks.h"

namespace greenlane::risk {
namespace {

constexpr std::array<std::string_view, kFindingKindCount> kFindingNames = {
    "document_invalid", "document_not_answered", "species_mismatch", "cites_listed_found", "refrigerant_mismatch",
    "xrf_fail",         "timber_anomaly"};

// EvidenceKind values are laid out after the two document findings.
constexpr std::size_t kFirstEvidenceFinding = static_cast<std::size_t>(FindingKind::kSpeciesMismatch);

}  // namespace

std::string_view FindingKindName(FindingKind kind) { return kFindingNames[static_cast<std::size_t>(kind)]; }

std::optional<FindingKind> ParseFindingKind(std::string_view name) {
  for (std::size_t i = 0; i < kFindingNames.size(); ++i) {
    if (kFindingNames[i] == name) return static_cast<FindingKind>(i);
  }
  return std::nullopt;
}

FindingKind FindingOf(EvidenceKind kind) {
  return static_cast<FindingKind>(kFirstEvidenceFinding + static_cast<std::size_t>(kind));
}

std::optional<FindingKind> FindingOf(DocumentStatus status) {
  switch (status) {
    case DocumentStatus::kValid:
      return std::nullopt;
    case DocumentStatus::kInvalid:
      return FindingKind::kDocumentInvalid;
    case DocumentStatus::kNotAnswered:
      return FindingKind::kDocumentNotAnswered;
  }
  return std::nullopt;
}

}  // namespace greenlane::risk
