#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/qpcr/run_interpretation.h"
#include "test_support.h"

using namespace greenlane::identify::qpcr;
using greenlane::identify::rule_support::Confidence;
using greenlane::identify::testing::D;
using greenlane::identify::testing::ShippedData;
using greenlane::instruments::QpcrPayload;
using greenlane::instruments::QpcrSampleType;

namespace {

const AssayTable& Table() {
  static const AssayTable table = [] {
    auto loaded = LoadQpcrAssays(ShippedData("qpcr_assays.json"));
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
  }();
  return table;
}

QpcrPayload Well(std::string well, QpcrSampleType type, std::string cq, std::string tm,
                 std::string target = "CITES-multiplex") {
  QpcrPayload payload;
  payload.run = "FIN-RUN-2026-118";
  payload.well = std::move(well);
  payload.sample_type = type;
  payload.target = std::move(target);
  if (!cq.empty()) payload.cq = D(cq);
  if (!tm.empty()) payload.tm_celsius = D(tm);
  return payload;
}

constexpr auto kSample = QpcrSampleType::kUnknown;
constexpr auto kNtc = QpcrSampleType::kNtc;
constexpr auto kPositive = QpcrSampleType::kPositiveControl;

// shared/samples/instruments/qpcr/mic_run_2026-118.csv
std::vector<QpcrPayload> SampleRun() {
  return {Well("A1", kSample, "24.8", "81.6"), Well("A2", kSample, "", ""), Well("A3", kSample, "27.3", "78.9"),
          Well("A4", kSample, "36.9", "74.2"), Well("D1", kNtc, "", ""),    Well("D2", kPositive, "22.1", "81.5")};
}

RunInterpretation Interpret(const std::vector<QpcrPayload>& wells) {
  auto run = InterpretQpcrRun(wells, Table());
  REQUIRE(run.ok());
  return std::move(run).value();
}

const SampleInterpretation& SampleIn(const RunInterpretation& run, const std::string& well) {
  for (const auto& sample : run.samples) {
    if (sample.well == well) return sample;
  }
  FAIL("no sample " << well);
  throw std::logic_error("unreachable");
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the sample run is valid and finds one CITES-listed shark") {
  const auto run = Interpret(SampleRun());
  CHECK(run.valid);
  CHECK(run.run == "FIN-RUN-2026-118");
  REQUIRE(run.samples.size() == 4);

  const auto& positive = SampleIn(run, "A1");
  CHECK(positive.result == SampleResult::kPositive);
  CHECK(positive.finding == "CITES-listed shark detected, confirm by sequencing");
  CHECK(positive.confidence == Confidence::kHigh);

  const auto& clean = SampleIn(run, "A2");
  CHECK(clean.result == SampleResult::kNegative);
  CHECK(clean.confidence == Confidence::kHigh);
  CHECK(clean.finding.empty());

  const auto& other_product = SampleIn(run, "A3");
  CHECK(other_product.result == SampleResult::kNegative);
  CHECK(other_product.confidence == Confidence::kMedium);
  CHECK(Contains(other_product.reason, "melt peak 78.9 °C outside 80.0 to 83.0 °C"));

  const auto& late = SampleIn(run, "A4");
  CHECK(late.result == SampleResult::kNegative);
  CHECK(Contains(late.reason, "late amplification at Cq 36.9"));
}

TEST_CASE("an NTC that amplifies invalidates the run and every sample becomes inconclusive") {
  auto wells = SampleRun();
  wells[4] = Well("D1", kNtc, "33.1", "81.0");
  const auto run = Interpret(wells);
  CHECK_FALSE(run.valid);
  REQUIRE(run.assays.size() == 1);
  CHECK(run.assays[0].reason == "run invalid for CITES-multiplex: NTC D1 amplified at Cq 33.1: contamination");
  for (const auto& sample : run.samples) {
    CHECK(sample.result == SampleResult::kInconclusive);
    CHECK(sample.confidence == Confidence::kLow);
    CHECK(Contains(sample.reason, "NTC D1 amplified"));
    CHECK(sample.finding.empty());
  }
}

TEST_CASE("a positive control that fails to amplify, or amplifies outside the windows, invalidates the run") {
  auto silent = SampleRun();
  silent[5] = Well("D2", kPositive, "", "");
  const auto failed = Interpret(silent);
  CHECK_FALSE(failed.valid);
  CHECK(Contains(SampleIn(failed, "A1").reason, "positive control D2 did not amplify"));
  CHECK(SampleIn(failed, "A1").result == SampleResult::kInconclusive);

  auto shifted = SampleRun();
  shifted[5] = Well("D2", kPositive, "22.1", "76.0");
  CHECK_FALSE(Interpret(shifted).valid);

  auto late = SampleRun();
  late[5] = Well("D2", kPositive, "35.5", "81.5");
  CHECK_FALSE(Interpret(late).valid);
}

TEST_CASE("a run without its controls cannot be read") {
  auto no_ntc = SampleRun();
  no_ntc.erase(no_ntc.begin() + 4);
  const auto missing_ntc = Interpret(no_ntc);
  CHECK_FALSE(missing_ntc.valid);
  CHECK(Contains(missing_ntc.assays[0].reason, "no NTC well"));

  auto no_positive = SampleRun();
  no_positive.pop_back();
  const auto missing_positive = Interpret(no_positive);
  CHECK_FALSE(missing_positive.valid);
  CHECK(Contains(missing_positive.assays[0].reason, "no positive control well"));
}

TEST_CASE("the Cq and Tm windows are inclusive") {
  auto wells = SampleRun();
  wells.push_back(Well("B1", kSample, "35.0", "81.0"));
  wells.push_back(Well("B2", kSample, "30.0", "80.0"));
  wells.push_back(Well("B3", kSample, "30.0", "83.0"));
  wells.push_back(Well("B4", kSample, "35.01", "81.0"));
  wells.push_back(Well("B5", kSample, "30.0", "83.1"));
  wells.push_back(Well("B6", kSample, "30.0", ""));
  const auto run = Interpret(wells);
  CHECK(SampleIn(run, "B1").result == SampleResult::kPositive);
  CHECK(SampleIn(run, "B2").result == SampleResult::kPositive);
  CHECK(SampleIn(run, "B3").result == SampleResult::kPositive);
  CHECK(SampleIn(run, "B4").result == SampleResult::kNegative);
  CHECK(SampleIn(run, "B5").result == SampleResult::kNegative);
  CHECK(SampleIn(run, "B6").result == SampleResult::kInconclusive);
}

TEST_CASE("each assay is judged by its own controls and an unknown assay cannot be read") {
  auto wells = SampleRun();
  wells.push_back(Well("E1", kSample, "25.0", "81.0", "eel-screen"));
  const auto run = Interpret(wells);
  CHECK_FALSE(run.valid);
  REQUIRE(run.assays.size() == 2);
  CHECK(run.assays[0].valid);
  CHECK_FALSE(run.assays[1].valid);
  CHECK(Contains(SampleIn(run, "E1").reason, "no assay windows are configured for target 'eel-screen'"));
  CHECK(SampleIn(run, "E1").result == SampleResult::kInconclusive);
  CHECK(SampleIn(run, "A1").result == SampleResult::kPositive);
}

TEST_CASE("qPCR input errors name the field") {
  CHECK(InterpretQpcrRun({}, Table()).error().field == "wells");
  auto mixed = SampleRun();
  mixed[2].run = "FIN-RUN-2026-119";
  CHECK(InterpretQpcrRun(mixed, Table()).error().field == "wells/2/run");
  auto absurd = SampleRun();
  absurd[0].cq = D("150");
  CHECK(InterpretQpcrRun(absurd, Table()).error().field == "wells/0/cq");
}
