#include "greenlane/instruments/formats.h"

#include <catch2/catch.hpp>
#include <string>

#include "sample_files.h"

using namespace greenlane::instruments;
using greenlane::instruments::testing::Named;
using greenlane::instruments::testing::SampleFile;

TEST_CASE("every sample file is recognised from its content") {
  const std::pair<const char*, Format> samples[] = {
      {"vanta/rohs_20261103_port-callao.csv", Format::kVantaXrf},
      {"vanta/geochem_20261104_scrap.csv", Format::kVantaXrf},
      {"refrigerant/ri_20261103_port-callao.csv", Format::kRefrigerant},
      {"xylotron/results_20261103.csv", Format::kXyloTron},
      {"qpcr/mic_run_2026-118.csv", Format::kQpcr},
      {"dart/LAB-2026-0931_dalbergia-suspect.csv", Format::kDart},
      {"dart/LAB-2026-0932_agarwood-chips.csv", Format::kDart},
  };
  for (const auto& [path, format] : samples) {
    INFO(path);
    auto detected = DetectFormat(SampleFile(path), Named(path));
    REQUIRE(detected.ok());
    CHECK(*detected == format);
  }
  CHECK(FormatName(Format::kVantaXrf) == "vanta-xrf");
  CHECK(FormatName(Format::kDart) == "dart");
}

TEST_CASE("ParseAnyFormat routes each sample to its parser") {
  ParseOptions options = Named("any");
  options.file_time = greenlane::core::ParseRfc3339("2026-11-05T10:00:00Z");
  const std::pair<const char*, std::size_t> samples[] = {
      {"vanta/rohs_20261103_port-callao.csv", 3},   {"refrigerant/ri_20261103_port-callao.csv", 5},
      {"xylotron/results_20261103.csv", 3},         {"qpcr/mic_run_2026-118.csv", 6},
      {"dart/LAB-2026-0932_agarwood-chips.csv", 1},
  };
  for (const auto& [path, count] : samples) {
    INFO(path);
    auto parsed = ParseAnyFormat(SampleFile(path), options);
    REQUIRE(parsed.ok());
    CHECK(parsed->size() == count);
  }
  CHECK(KindName(ParseAnyFormat(SampleFile("xylotron/results_20261103.csv"), options)->front().kind) == "wood_image");
}

TEST_CASE("a file of no known format is refused as such") {
  auto detected = DetectFormat("Name,Colour\nrose,red\n", Named("flowers.csv"));
  REQUIRE_FALSE(detected.ok());
  CHECK(detected.error().kind == greenlane::core::ErrorKind::kUnsupportedMediaType);
  CHECK(detected.error().message ==
        "flowers.csv, line 1: unknown format: the header is not that of a Vanta XRF, refrigerant identifier, "
        "XyloTron, qPCR or DART export");
  auto empty = ParseAnyFormat("", Named("empty.csv"));
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message == "empty.csv: file has no header line");
}

TEST_CASE("UTC offsets are read in the usual spellings and refused otherwise") {
  CHECK(*ParseUtcOffset("Z") == std::chrono::minutes(0));
  CHECK(*ParseUtcOffset("+05:30") == std::chrono::minutes(330));
  CHECK(*ParseUtcOffset("-0500") == std::chrono::minutes(-300));
  for (const char* bad : {"", "5", "+5:00", "+15:00", "-05:60", "05:00", "+05:00:00", "+ab:cd"}) {
    INFO(bad);
    auto offset = ParseUtcOffset(bad);
    REQUIRE_FALSE(offset.ok());
    CHECK(offset.error().field == "utc_offset");
  }
}
