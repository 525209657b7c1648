#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/qpcr/assays.h"
#include "domain/rule_support/confidence.h"
#include "greenlane/core/error.h"
#include "greenlane/instruments/reading.h"

namespace greenlane::identify::qpcr {

enum class SampleResult : std::uint8_t { kPositive, kNegative, kInconclusive };

/// "positive", "negative", "inconclusive".
std::string_view SampleResultName(SampleResult result);

/// Whether the controls of one assay in the run allow its samples to be read at all.
struct AssayValidity {
  std::string target;
  bool valid = false;
  std::string reason;  ///< "NTC D1 no amplification; positive control D2 Cq 22.1, Tm 81.5 °C"
};

struct SampleInterpretation {
  std::string well;
  std::string target;
  SampleResult result = SampleResult::kInconclusive;
  std::string finding;  ///< the assay's positive finding when positive; empty otherwise
  rule_support::Confidence confidence = rule_support::Confidence::kLow;
  std::string reason;
};

struct RunInterpretation {
  std::string run;
  bool valid = false;                         ///< every assay of the run has valid controls
  std::vector<AssayValidity> assays;          ///< one per target the run's samples use, in first-seen order
  std::vector<SampleInterpretation> samples;  ///< the Unknown wells, in input order; controls are not listed
};

/// Reads one qPCR run. An assay is valid when it has at least one NTC and one positive control,
/// no NTC amplified and every positive control amplified inside the assay's windows. Samples of
/// an invalid or unknown assay are inconclusive with the reason. A sample is positive when it
/// amplified with Cq at most the cut-off and Tm inside the window.
/// Errors, naming the field: no wells, wells of several runs, a Cq outside 0–100 or Tm outside 0–150 °C.
core::Result<RunInterpretation> InterpretQpcrRun(std::span<const instruments::QpcrPayload> wells,
                                                 const AssayTable& table);

}  // namespace greenlane::identify::qpcr
