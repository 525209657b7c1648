#include "domain/qpcr/run_interpretation.h"

#include <algorithm>
#include <optional>

#include "domain/rule_support/exact.h"

namespace greenlane::identify::qpcr {
namespace {

using instruments::Decimal;
using instruments::QpcrPayload;
using instruments::QpcrSampleType;
using rule_support::Confidence;

core::Status CheckWells(std::span<const QpcrPayload> wells) {
  if (wells.empty()) return core::Error::InvalidArgument("wells", "a run needs at least one well");
  for (std::size_t i = 0; i < wells.size(); ++i) {
    const QpcrPayload& well = wells[i];
    const std::string path = "wells/" + std::to_string(i);
    if (well.run != wells.front().run) {
      return core::Error::InvalidArgument(path + "/run", "well " + well.well + " belongs to run '" + well.run +
                                                             "', not '" + wells.front().run +
                                                             "': interpret one run at a time");
    }
    if (well.cq && !rule_support::Within(*well.cq, Decimal(0, 0), Decimal(100, 0))) {
      return core::Error::InvalidArgument(
          path + "/cq", "well " + well.well + " Cq " + well.cq->ToString() + " is outside 0 to 100 cycles");
    }
    if (well.tm_celsius && !rule_support::Within(*well.tm_celsius, Decimal(0, 0), Decimal(150, 0))) {
      return core::Error::InvalidArgument(
          path + "/tm_celsius",
          "well " + well.well + " Tm " + well.tm_celsius->ToString() + " °C is outside 0 to 150 °C");
    }
  }
  return {};
}

std::string Windows(const Assay& assay) {
  return "Cq at most " + assay.cq_max.ToString() + ", Tm " + assay.tm_min_celsius.ToString() + " to " +
         assay.tm_max_celsius.ToString() + " °C";
}

// Why an amplification is not the assay's target, or nullopt when it is.
std::optional<std::string> OutsideWindows(const QpcrPayload& well, const Assay& assay) {
  if (*well.cq > assay.cq_max) {
    return "late amplification at Cq " + well.cq->ToString() + ", beyond the " + assay.cq_max.ToString() +
           " cut-off: background, not the target";
  }
  if (!well.tm_celsius) return "amplified at Cq " + well.cq->ToString() + " but no melt peak was reported";
  if (!rule_support::Within(*well.tm_celsius, assay.tm_min_celsius, assay.tm_max_celsius)) {
    return "amplified at Cq " + well.cq->ToString() + " with melt peak " + well.tm_celsius->ToString() +
           " °C outside " + assay.tm_min_celsius.ToString() + " to " + assay.tm_max_celsius.ToString() +
           " °C: another product (primer dimer or non-target species)";
  }
  return std::nullopt;
}

AssayValidity CheckControls(std::span<const QpcrPayload> wells, const std::string& target, const Assay* assay) {
  AssayValidity validity{target};
  if (assay == nullptr) {
    validity.reason = "no assay windows are configured for target '" + target + "'";
    return validity;
  }
  std::vector<std::string> failures;
  std::vector<std::string> passes;
  bool has_ntc = false;
  bool has_positive = false;
  for (const auto& well : wells) {
    if (well.target != target) continue;
    if (well.sample_type == QpcrSampleType::kNtc) {
      has_ntc = true;
      if (well.cq) {
        failures.push_back("NTC " + well.well + " amplified at Cq " + well.cq->ToString() + ": contamination");
      } else {
        passes.push_back("NTC " + well.well + " no amplification");
      }
    } else if (well.sample_type == QpcrSampleType::kPositiveControl) {
      has_positive = true;
      if (!well.cq) {
        failures.push_back("positive control " + well.well + " did not amplify: the reaction failed");
      } else if (auto outside = OutsideWindows(well, *assay)) {
        failures.push_back("positive control " + well.well + " " + *outside);
      } else {
        passes.push_back("positive control " + well.well + " Cq " + well.cq->ToString() + ", Tm " +
                         well.tm_celsius->ToString() + " °C");
      }
    }
  }
  if (!has_ntc) failures.push_back("no NTC well for " + target);
  if (!has_positive) failures.push_back("no positive control well for " + target);
  validity.valid = failures.empty();
  const auto& parts = validity.valid ? passes : failures;
  for (const auto& part : parts) validity.reason += (validity.reason.empty() ? "" : "; ") + part;
  if (!validity.valid) validity.reason = "run invalid for " + target + ": " + validity.reason;
  return validity;
}

SampleInterpretation ReadSample(const QpcrPayload& well, const Assay& assay) {
  SampleInterpretation sample{well.well, well.target};
  if (!well.cq) {
    sample.result = SampleResult::kNegative;
    sample.confidence = Confidence::kHigh;
    sample.reason = "no amplification, controls valid";
    return sample;
  }
  if (auto outside = OutsideWindows(well, assay)) {
    // Amplification outside the windows is not the target, but it is not a clean negative either.
    sample.result = well.tm_celsius ? SampleResult::kNegative : SampleResult::kInconclusive;
    sample.confidence = well.tm_celsius ? Confidence::kMedium : Confidence::kLow;
    sample.reason = *outside + (well.tm_celsius ? "; repeat if suspicion remains" : "; repeat the melt curve");
    return sample;
  }
  sample.result = SampleResult::kPositive;
  sample.finding = assay.positive_finding;
  sample.confidence = Confidence::kHigh;
  sample.reason = "amplified at Cq " + well.cq->ToString() + " with melt peak " + well.tm_celsius->ToString() +
                  " °C, inside the assay windows (" + Windows(assay) + "): " + assay.positive_finding;
  return sample;
}

}  // namespace

std::string_view SampleResultName(SampleResult result) {
  switch (result) {
    case SampleResult::kPositive:
      return "positive";
    case SampleResult::kNegative:
      return "negative";
    case SampleResult::kInconclusive:
      return "inconclusive";
  }
  return "inconclusive";
}

core::Result<RunInterpretation> InterpretQpcrRun(std::span<const QpcrPayload> wells, const AssayTable& table) {
  if (auto status = CheckWells(wells); !status) return status.error();
  RunInterpretation run{wells.front().run};
  for (const auto& well : wells) {
    const bool seen = std::any_of(run.assays.begin(), run.assays.end(),
                                  [&](const AssayValidity& validity) { return validity.target == well.target; });
    if (!seen) run.assays.push_back(CheckControls(wells, well.target, table.Find(well.target)));
  }
  run.valid =
      std::all_of(run.assays.begin(), run.assays.end(), [](const AssayValidity& validity) { return validity.valid; });
  for (const auto& well : wells) {
    if (well.sample_type != QpcrSampleType::kUnknown) continue;
    const auto validity = std::find_if(run.assays.begin(), run.assays.end(),
                                       [&](const AssayValidity& entry) { return entry.target == well.target; });
    if (!validity->valid) {
      run.samples.push_back({well.well, well.target, SampleResult::kInconclusive, "", Confidence::kLow,
                             validity->reason + "; re-run the sample"});
      continue;
    }
    run.samples.push_back(ReadSample(well, *table.Find(well.target)));
  }
  return run;
}

}  // namespace greenlane::identify::qpcr
