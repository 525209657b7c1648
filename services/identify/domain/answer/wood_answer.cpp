#include <string>

#include "domain/answer/answers.h"

namespace greenlane::identify {

Identification AnswerWood(const wood::WoodIdentification& found) {
  Identification answer;
  answer.kind = "wood";
  answer.verdict = std::string(wood::WoodVerdictName(found.verdict));
  answer.confidence = ConfidenceValue(found.confidence);
  auto top = nlohmann::json::array();
  for (const auto& candidate : found.top) {
    top.push_back({{"name", candidate.name},
                   {"score", candidate.score.ToString()},
                   {"in_table", candidate.in_table},
                   {"strictest_appendix", wood::AppendixName(candidate.strictest)},
                   {"depends_on_species", candidate.depends_on_species},
                   {"status", candidate.status}});
  }
  std::string summary;
  if (found.verdict == wood::WoodVerdict::kIdentified && !found.top.empty()) {
    const auto& best = found.top.front();
    summary =
        std::string("Wood image classified as ").append(best.name).append(" (score ").append(best.score.ToString());
    summary.append("): ").append(best.status);
    if (best.strictest != wood::Appendix::kNotListed) {
      answer.findings.push_back({finding_code::kCitesListedSpecies,
                                 best.status,
                                 best.name,
                                 std::string(wood::AppendixName(best.strictest)),
                                 {},
                                 {}});
    } else if (best.in_table) {
      answer.findings.push_back({finding_code::kSpeciesIdentified, best.status, best.name, {}, {}, {}});
    }
  } else {
    summary = "Wood image classification inconclusive";
  }
  if (found.refer_to_laboratory) {
    summary.append("; refer to the laboratory");
    answer.findings.push_back({finding_code::kInconclusive, found.reason, {}, {}, {}, {}});
  }
  answer.summary = summary.append(".");
  answer.details = {{"top", std::move(top)},
                    {"margin", found.margin.ToString()},
                    {"refer_to_laboratory", found.refer_to_laboratory},
                    {"reason", found.reason}};
  return answer;
}

}  // namespace greenlane::identify
