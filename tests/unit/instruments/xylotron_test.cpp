#include <catch2/catch.hpp>
#include <string>

#include "greenlane/instruments/formats.h"
#include "sample_files.h"

using namespace greenlane::instruments;
using greenlane::instruments::testing::Named;
using greenlane::instruments::testing::SampleFile;

namespace {

const WoodImagePayload& Wood(const Reading& reading) { return std::get<WoodImagePayload>(reading.payload); }
Decimal D(const char* text) { return *Decimal::Parse(text); }

const std::string kHeader =
    "Specimen ID,Captured At,Model,Light,Class 1,Score 1,Class 2,Score 2,Class 3,Score 3,Others\n";

}  // namespace

TEST_CASE("the XyloTron sample gives three specimens with their top classes in UTC") {
  ParseOptions options = Named("xylotron.csv");
  options.instrument_serial = "XT-0042";
  auto parsed = ParseXyloTronCsv(SampleFile("xylotron/results_20261103.csv"), options);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 3);
  const Reading& first = parsed->front();
  CHECK(first.kind == ReadingKind::kWoodImage);
  CHECK(first.instrument_serial == "XT-0042");
  CHECK(first.reading_number.empty());
  CHECK(first.Key().position == "line 2");
  CHECK(first.sample_label == "CNT-TGHU7781234-B12");
  REQUIRE(first.consignment);
  CHECK(first.consignment->container == "TGHU7781234");
  CHECK(first.consignment->item == "B12");
  CHECK(greenlane::core::FormatRfc3339(first.captured_at, 0) == "2026-11-03T16:40:09Z");
  const WoodImagePayload& wood = Wood(first);
  CHECK(wood.model == "peru-24class-v2");
  CHECK(wood.light == Light::kVisible);
  CHECK(wood.top[0].name == "Cedrelinga");
  CHECK(wood.top[0].score == D("0.91"));
  CHECK(wood.top[2].name == "Aspidosperma");
  CHECK(wood.others == D("0.03"));
  CHECK(Wood((*parsed)[1]).top[0].name == "Swietenia");
}

TEST_CASE("XyloTron rows with a bad light, score or time are rejected naming the cell") {
  const auto error_of = [](const std::string& row) {
    auto parsed = ParseXyloTronCsv(kHeader + row, Named("xt.csv"));
    REQUIRE_FALSE(parsed.ok());
    return parsed.error().message;
  };
  CHECK(error_of("S1,2026-11-03T11:40:09-05:00,m,infrared,A,0.9,B,0.05,C,0.03,0.02\n") ==
        "xt.csv, line 2, column 4 (\"Light\"): light \"infrared\" is neither visible nor UV");
  CHECK(error_of("S1,2026-11-03T11:40:09-05:00,m,UV,A,1.2,B,0.05,C,0.03,0.02\n") ==
        "xt.csv, line 2, column 6 (\"Score 1\"): score 1.2 outside 0 to 1");
  CHECK(error_of("S1,2026-11-03 11:40,m,UV,A,0.9,B,0.05,C,0.03,0.02\n") ==
        "xt.csv, line 2, column 2 (\"Captured At\"): bad time \"2026-11-03 11:40\": expected RFC 3339 with a zone, "
        "e.g. 2026-11-03T11:40:09-05:00");
  CHECK(error_of("S1,2026-11-03T11:40:09Z,m,UV,,0.9,B,0.05,C,0.03,0.02\n") ==
        "xt.csv, line 2, column 5 (\"Class 1\"): value is required");
}
