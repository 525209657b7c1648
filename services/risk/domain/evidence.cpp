#include "domain/evidence.h"

#include <algorithm>
#include <cctype>

#include "domain/json_read.h"

namespace greenlane::risk {
namespace {

constexpr std::size_t kMaxFindings = 100;

// EvidenceKind values follow the two document findings in FindingKind (checks.h).
constexpr auto kFirstEvidenceFinding = static_cast<std::size_t>(FindingKind::kSpeciesMismatch);

EvidenceKind EvidenceKindOf(FindingKind finding) {
  return static_cast<EvidenceKind>(static_cast<std::size_t>(finding) - kFirstEvidenceFinding);
}

core::Result<int> ReadWeight(const nlohmann::json& value, const std::string& path) {
  if (!value.is_number_integer() || value.get<int>() < 0 || value.get<int>() > 100) {
    return FieldError(path, "an integer weight from 0 to 100");
  }
  return value.get<int>();
}

// Optional string members of an event payload: absent or null read as "".
core::Result<std::string> OptionalText(const nlohmann::json& object, const std::string& path, std::string_view key) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return std::string();
  if (!found->is_string() || found->get_ref<const std::string&>().size() > 512) {
    return FieldError(path + "/" + std::string(key), "a string of at most 512 characters");
  }
  return found->get<std::string>();
}

bool SameSpecies(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The goods items a record is about: the one its item names when that is a sequence of the
// declaration, else every item (a container-level sample).
std::vector<const GoodsItem*> ItemsOf(const Declaration& declaration, const EvidenceRecord& record) {
  std::vector<const GoodsItem*> items;
  for (const auto& item : declaration.goods_items) {
    if (std::to_string(item.sequence) == record.link.item) return {&item};
    items.push_back(&item);
  }
  return items;
}

int SequenceOf(const std::vector<const GoodsItem*>& items) { return items.size() == 1 ? items.front()->sequence : 0; }

}  // namespace

core::Result<EvidenceMapping> LoadEvidenceMapping(const nlohmann::json& document) {
  if (auto ok = CheckObject(document, "", {"version", "identification", "timber_anomaly"},
                            {"version", "identification", "timber_anomaly"});
      !ok) {
    return ok.error();
  }
  EvidenceMapping mapping;
  auto version = ReadString(document, "", "version", std::nullopt, 64);
  if (!version) return version.error();
  mapping.version = *std::move(version);
  const auto& codes = document.at("identification");
  if (!codes.is_object()) return FieldError("/identification", "an object of finding codes");
  for (const auto& [code, entry] : codes.items()) {
    const auto path = "/identification/" + code;
    if (auto ok = CheckObject(entry, path, {"finding", "weight"}, {"finding", "weight"}); !ok) return ok.error();
    const auto finding =
        entry.at("finding").is_string() ? ParseFindingKind(entry.at("finding").get<std::string>()) : std::nullopt;
    if (!finding || static_cast<std::size_t>(*finding) < kFirstEvidenceFinding ||
        *finding == FindingKind::kTimberAnomaly) {
      return FieldError(path + "/finding", "an identification finding kind such as cites_listed_found");
    }
    auto weight = ReadWeight(entry.at("weight"), path + "/weight");
    if (!weight) return weight.error();
    mapping.identification.emplace(code, EvidenceMapping::Code{*finding, *weight});
  }
  const auto& timber = document.at("timber_anomaly");
  if (auto ok = CheckObject(timber, "/timber_anomaly", {"weight", "severity_weights"}, {"weight"}); !ok) {
    return ok.error();
  }
  auto weight = ReadWeight(timber.at("weight"), "/timber_anomaly/weight");
  if (!weight) return weight.error();
  mapping.timber_weight = *weight;
  if (timber.contains("severity_weights")) {
    const auto& severities = timber.at("severity_weights");
    if (!severities.is_object()) return FieldError("/timber_anomaly/severity_weights", "an object of weights");
    for (const auto& [severity, value] : severities.items()) {
      auto severity_weight = ReadWeight(value, "/timber_anomaly/severity_weights/" + severity);
      if (!severity_weight) return severity_weight.error();
      mapping.timber_severity_weights.emplace(severity, *severity_weight);
    }
  }
  return mapping;
}

core::Result<std::vector<EvidenceRecord>> EvidenceFromIdentification(const nlohmann::json& payload) {
  if (!payload.is_object()) return FieldError("/", "an identify.result.ready object");
  auto reference = ReadString(payload, "", "result_id", std::nullopt, 64);
  if (!reference) return reference.error();
  EvidenceLink link;
  if (payload.contains("consignment")) {
    const auto& consignment = payload.at("consignment");
    if (!consignment.is_object()) return FieldError("/consignment", "an object");
    for (auto [key, target] : {std::pair{"declaration", &link.declaration}, std::pair{"container", &link.container},
                               std::pair{"item", &link.item}}) {
      auto text = OptionalText(consignment, "/consignment", key);
      if (!text) return text.error();
      *target = *std::move(text);
    }
  }
  auto summary = OptionalText(payload, "", "summary");
  if (!summary) return summary.error();
  std::vector<EvidenceRecord> records;
  if (!payload.contains("findings")) return records;
  const auto& findings = payload.at("findings");
  if (!findings.is_array() || findings.size() > kMaxFindings) return FieldError("/findings", "a list of findings");
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const auto path = "/findings/" + std::to_string(i);
    if (!findings[i].is_object()) return FieldError(path, "an object");
    EvidenceRecord record{EvidenceRecord::Source::kIdentification, link, *reference};
    auto code = ReadString(findings[i], path, "code", std::nullopt, 64);
    if (!code) return code.error();
    record.code = *std::move(code);
    for (auto [key, target] :
         {std::pair{"species", &record.species}, std::pair{"cites_appendix", &record.cites_appendix},
          std::pair{"message", &record.detail}}) {
      auto text = OptionalText(findings[i], path, key);
      if (!text) return text.error();
      *target = *std::move(text);
    }
    if (record.detail.empty()) record.detail = *summary;
    records.push_back(std::move(record));
  }
  return records;
}

core::Result<EvidenceRecord> EvidenceFromTimberAnomaly(const nlohmann::json& payload) {
  if (!payload.is_object()) return FieldError("/", "a timber.anomaly.raised object");
  EvidenceRecord record{EvidenceRecord::Source::kTimberAnomaly};
  for (auto [key, target] : {std::pair{"id", &record.reference}, std::pair{"rule", &record.code},
                             std::pair{"subject", &record.link.barcode}}) {
    auto text = ReadString(payload, "", key, std::nullopt, 128);
    if (!text) return text.error();
    *target = *std::move(text);
  }
  for (auto [key, target] : {std::pair{"severity", &record.severity}, std::pair{"message", &record.detail}}) {
    auto text = OptionalText(payload, "", key);
    if (!text) return text.error();
    *target = *std::move(text);
  }
  return record;
}

std::vector<Evidence> EvidenceFor(const Declaration& declaration, const std::vector<EvidenceRecord>& records,
                                  const EvidenceMapping& mapping) {
  std::vector<Evidence> evidence;
  for (const auto& record : records) {
    if (record.source == EvidenceRecord::Source::kTimberAnomaly) {
      const auto severity = mapping.timber_severity_weights.find(record.severity);
      const int weight = severity == mapping.timber_severity_weights.end() ? mapping.timber_weight : severity->second;
      auto detail = record.link.barcode + " " + record.code;
      if (!record.detail.empty()) detail.append(": ").append(record.detail);
      evidence.push_back({EvidenceKind::kTimberAnomaly, record.reference, 0, std::move(detail), weight});
      continue;
    }
    const auto code = mapping.identification.find(record.code);
    if (code == mapping.identification.end()) continue;
    const auto items = ItemsOf(declaration, record);
    if (!record.species.empty()) {
      const bool declared = std::any_of(items.begin(), items.end(), [&](const GoodsItem* item) {
        return SameSpecies(item->scientific_name, record.species);
      });
      if (declared) continue;
      // "Species identified" is evidence only against a declared species it contradicts.
      const bool any_declared =
          std::any_of(items.begin(), items.end(), [](const GoodsItem* item) { return !item->scientific_name.empty(); });
      if (code->second.finding == FindingKind::kSpeciesMismatch && !any_declared) continue;
    }
    auto detail = record.detail;
    if (!record.species.empty() && detail.find(record.species) == std::string::npos) {
      if (!detail.empty()) detail.push_back(' ');
      detail.append("(").append(record.species);
      if (!record.cites_appendix.empty()) detail.append(", CITES Appendix ").append(record.cites_appendix);
      detail.push_back(')');
    }
    evidence.push_back({EvidenceKindOf(code->second.finding), record.reference, SequenceOf(items), std::move(detail),
                        code->second.weight});
  }
  return evidence;
}

}  // namespace greenlane::risk
