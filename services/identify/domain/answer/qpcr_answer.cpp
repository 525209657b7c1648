#include <string>

#include "domain/answer/answers.h"

namespace greenlane::identify {
namespace {

nlohmann::json AssaysJson(const qpcr::RunInterpretation& run) {
  auto assays = nlohmann::json::array();
  for (const auto& assay : run.assays) {
    assays.push_back({{"target", assay.target}, {"valid", assay.valid}, {"reason", assay.reason}});
  }
  return assays;
}

}  // namespace

Identification AnswerQpcr(const qpcr::RunInterpretation& run, const instruments::QpcrPayload& well) {
  Identification answer;
  answer.kind = "qpcr";
  answer.details = {{"run", run.run}, {"run_valid", run.valid}, {"well", well.well}, {"assays", AssaysJson(run)}};
  if (well.sample_type != instruments::QpcrSampleType::kUnknown) {
    const qpcr::AssayValidity* validity = nullptr;
    for (const auto& assay : run.assays) {
      if (assay.target == well.target) validity = &assay;
    }
    const bool valid = validity != nullptr && validity->valid;
    const std::string reason =
        validity ? validity->reason : std::string("no assay ").append(well.target).append(" in run ").append(run.run);
    answer.verdict = valid ? "control_valid" : "invalid";
    answer.confidence = valid ? 0.9 : 0.3;
    answer.summary = std::string("Control well ").append(well.well).append(" of run ").append(run.run);
    answer.summary
        .append(valid ? ": the controls are valid (" : ": the run's controls fail, its samples cannot be read (")
        .append(reason)
        .append(").");
    if (!valid) answer.findings.push_back({finding_code::kInconclusive, reason, {}, {}, {}, {}});
    return answer;
  }
  const qpcr::SampleInterpretation* sample = nullptr;
  for (const auto& candidate : run.samples) {
    if (candidate.well == well.well) sample = &candidate;
  }
  if (sample == nullptr) {
    return InvalidReading(
        "qpcr", "/well",
        std::string("well ").append(well.well).append(" is not among the samples of run ").append(run.run));
  }
  answer.verdict = std::string(qpcr::SampleResultName(sample->result));
  answer.confidence = ConfidenceValue(sample->confidence);
  answer.details["target"] = sample->target;
  answer.details["result"] = answer.verdict;
  answer.details["reason"] = sample->reason;
  std::string summary = std::string("qPCR ").append(sample->target).append(" well ").append(sample->well).append(": ");
  switch (sample->result) {
    case qpcr::SampleResult::kPositive:
      summary.append(sample->finding.empty() ? std::string("positive") : sample->finding);
      answer.findings.push_back({finding_code::kCitesListedSpecies, sample->finding, {}, {}, {}, {}});
      break;
    case qpcr::SampleResult::kNegative:
      summary.append("negative");
      break;
    case qpcr::SampleResult::kInconclusive:
      summary.append("inconclusive, refer to the laboratory");
      answer.findings.push_back({finding_code::kInconclusive, sample->reason, {}, {}, {}, {}});
      break;
  }
  answer.summary = summary.append(" (").append(sample->reason).append(").");
  return answer;
}

}  // namespace greenlane::identify
