#include <catch2/catch.hpp>
#include <string>

#include "greenlane/instruments/formats.h"
#include "sample_files.h"

using namespace greenlane::instruments;
using greenlane::instruments::testing::Named;
using greenlane::instruments::testing::SampleFile;

namespace {

const QpcrPayload& Well(const Reading& reading) { return std::get<QpcrPayload>(reading.payload); }
Decimal D(const char* text) { return *Decimal::Parse(text); }

ParseOptions WithFileTime() {
  ParseOptions options = Named("run.csv");
  options.file_time = greenlane::core::ParseRfc3339("2026-11-05T10:00:00Z");
  return options;
}

}  // namespace

TEST_CASE("the qPCR sample run gives six wells with sample types and optional Cq") {
  auto parsed = ParseQpcrCsv(SampleFile("qpcr/mic_run_2026-118.csv"), WithFileTime());
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 6);
  const Reading& first = parsed->front();
  CHECK(first.kind == ReadingKind::kQpcr);
  CHECK(first.instrument_serial == "MIC-00452");
  CHECK(first.reading_number == "FIN-RUN-2026-118/A1");
  CHECK(first.sample_label == "SEIZ-44-F01");
  CHECK(greenlane::core::FormatRfc3339(first.captured_at, 0) == "2026-11-05T10:00:00Z");
  CHECK(Well(first).target == "CITES-multiplex");
  CHECK(Well(first).cq == D("24.8"));
  CHECK(Well(first).tm_celsius == D("81.6"));
  CHECK(Well(first).sample_type == QpcrSampleType::kUnknown);
  // An empty Cq is "no amplification", not zero.
  CHECK_FALSE(Well((*parsed)[1]).cq);
  CHECK_FALSE(Well((*parsed)[1]).tm_celsius);
  CHECK(Well((*parsed)[4]).sample_type == QpcrSampleType::kNtc);
  CHECK_FALSE(Well((*parsed)[4]).cq);
  CHECK(Well((*parsed)[5]).sample_type == QpcrSampleType::kPositiveControl);
  CHECK(Well((*parsed)[5]).well == "D2");
}

TEST_CASE("qPCR exports need the file time and valid sample types") {
  const std::string text = SampleFile("qpcr/mic_run_2026-118.csv");
  auto without_time = ParseQpcrCsv(text, Named("run.csv"));
  REQUIRE_FALSE(without_time.ok());
  CHECK(without_time.error().message ==
        "run.csv: qPCR exports carry no capture time: the file's modification time must be given");

  const std::string header = text.substr(0, text.find('\n') + 1);
  auto bad_type = ParseQpcrCsv(header + "R,A1,S,Sample,T,20.1,80.0,MIC-1\n", WithFileTime());
  REQUIRE_FALSE(bad_type.ok());
  CHECK(bad_type.error().message ==
        "run.csv, line 2, column 4 (\"Sample Type\"): sample type \"Sample\" is not one of Unknown, NTC, "
        "Positive Control");
  auto bad_cq = ParseQpcrCsv(header + "R,A1,S,NTC,T,Undetermined,,MIC-1\n", WithFileTime());
  REQUIRE_FALSE(bad_cq.ok());
  CHECK(bad_cq.error().message ==
        "run.csv, line 2, column 6 (\"Cq\"): bad number \"Undetermined\": expected a decimal such as 12.5");
}
