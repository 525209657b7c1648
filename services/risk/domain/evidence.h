#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/checks.h"
#include "domain/declaration.h"
#include "greenlane/core/error.h"

namespace greenlane::risk {

/// Step 4 of selection: what identification and the timber chain of custody found about a
/// consignment, received as events before (often long before) the declaration is assessed.

/// Where a finding belongs. An identification names the declaration and/or container (and an item
/// as the sampler wrote it); a timber anomaly names the barcode of a piece of wood, which reaches a
/// declaration through the timber documents it references.
struct EvidenceLink {
  std::string declaration;
  std::string container;
  std::string barcode;
  std::string item;
};

/// One finding as received and stored, before it is judged against a declaration.
struct EvidenceRecord {
  enum class Source : std::uint8_t { kIdentification, kTimberAnomaly };
  Source source = Source::kIdentification;
  EvidenceLink link;
  std::string reference;  ///< identification result id or timber anomaly id
  std::string code;       ///< identification finding code, or the timber anomaly's rule
  std::string severity;   ///< timber anomalies only
  std::string species;    ///< identified species, when the finding names one
  std::string cites_appendix;
  std::string detail;  ///< the human sentence that came with it
};

/// How each finding code weighs (services/risk/data/evidence.json).
struct EvidenceMapping {
  struct Code {
    FindingKind finding = FindingKind::kInconclusive;
    int weight = 0;
  };
  std::string version;
  std::map<std::string, Code, std::less<>> identification;
  int timber_weight = 0;
  std::map<std::string, int, std::less<>> timber_severity_weights;
};

/// Parses evidence.json; every code names an evidence finding kind (not a document one) and a
/// weight 0..100. Errors name the field by JSON pointer.
core::Result<EvidenceMapping> LoadEvidenceMapping(const nlohmann::json& document);

/// The records of an `identify.result.ready` payload, one per finding (none for a result without
/// findings). Fails naming the field when the payload is malformed.
core::Result<std::vector<EvidenceRecord>> EvidenceFromIdentification(const nlohmann::json& payload);

/// The record of a `timber.anomaly.raised` payload {id, rule, severity, subject, value, limit,
/// message, raised_at}; the subject is the barcode.
core::Result<EvidenceRecord> EvidenceFromTimberAnomaly(const nlohmann::json& payload);

/// The evidence that counts against `declaration` among the records linked to it. A species
/// finding counts only when it contradicts the declaration: an identified species that is the
/// declared one confirms the goods, and a CITES-listed species declared as such is a matter for the
/// permit rules. Codes the mapping does not know are ignored (identify may add codes first).
std::vector<Evidence> EvidenceFor(const Declaration& declaration, const std::vector<EvidenceRecord>& records,
                                  const EvidenceMapping& mapping);

}  // namespace greenlane::risk
