#include <string>

#include "domain/answer/answers.h"

namespace greenlane::identify {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

nlohmann::json OptionalText(const std::optional<instruments::Decimal>& value) {
  return value ? nlohmann::json(value->ToString()) : nlohmann::json(nullptr);
}

}  // namespace

Identification AnswerXrf(const xrf::Screening& screening) {
  Identification answer;
  answer.kind = "xrf";
  answer.verdict = Lower(xrf::VerdictName(screening.verdict));
  answer.confidence = ConfidenceValue(screening.confidence);
  auto elements = nlohmann::json::array();
  std::string failed;
  for (const auto& element : screening.elements) {
    elements.push_back({{"symbol", element.symbol},
                        {"verdict", Lower(xrf::VerdictName(element.verdict))},
                        {"value_ppm", OptionalText(element.value_ppm)},
                        {"three_sigma_ppm", OptionalText(element.three_sigma_ppm)},
                        {"below_lod", element.below_lod},
                        {"basel_y_codes", element.basel_y_codes},
                        {"reason", element.reason}});
    if (element.verdict != xrf::Verdict::kFail) continue;
    answer.findings.push_back({finding_code::kXrfFail, element.reason, {}, {}, {}, element.symbol});
    if (!failed.empty()) failed.append(", ");
    failed.append(element.symbol);
  }
  std::string summary = std::string("XRF screening (").append(screening.set_id).append("): ");
  switch (screening.verdict) {
    case xrf::Verdict::kFail:
      summary.append("FAIL for ").append(failed);
      if (!screening.basel_y_codes.empty()) {
        summary.append(" (Basel");
        for (const auto& code : screening.basel_y_codes) summary.append(" ").append(code);
        summary.append(")");
      }
      break;
    case xrf::Verdict::kInconclusive:
      summary.append("INCONCLUSIVE, refer to the laboratory");
      answer.findings.push_back({finding_code::kInconclusive, screening.reason, {}, {}, {}, {}});
      break;
    case xrf::Verdict::kPass:
      summary.append("PASS");
      break;
  }
  answer.summary = summary.append(".");
  answer.details = {{"set", screening.set_id},
                    {"elements", std::move(elements)},
                    {"basel_y_codes", screening.basel_y_codes},
                    {"reason", screening.reason}};
  return answer;
}

}  // namespace greenlane::identify
