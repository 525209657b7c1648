#include "domain/validation.h"

#include <catch2/catch.hpp>

#include "reading_samples.h"

using greenlane::ingest::ScreenBatch;
using greenlane::ingest::ValidateReading;
using ingest_test::At;
using ingest_test::ValidReading;

TEST_CASE("a complete reading passes validation") { CHECK_FALSE(ValidateReading(ValidReading()).has_value()); }

TEST_CASE("each missing or malformed field is named in the rejection") {
  struct Case {
    const char* field;
    void (*spoil)(greenlane::ingest::Reading&);
    const char* says;
  };
  const Case cases[] = {
      {"reading.kind", [](auto& r) { r.kind = "xray"; }, "xrf, refrigerant, wood_image, qpcr, dart"},
      {"reading.device_serial", [](auto& r) { r.device_serial.clear(); }, "required"},
      {"reading.reading_number", [](auto& r) { r.reading_number.clear(); }, "required"},
      {"reading.captured_at", [](auto& r) { r.captured_at = {}; }, "2000-01-01"},
      {"reading.captured_at", [](auto& r) { r.captured_at = At("2150-01-01T00:00:00Z"); }, "2100-01-01"},
      {"reading.raw", [](auto& r) { r.raw = std::string(70 * 1024, 'x'); }, "65536"},
      {"reading.sample_label", [](auto& r) { r.sample_label = std::string("a\0b", 3); }, "NUL"},
      {"reading.location",
       [](auto& r) {
         r.location = greenlane::ingest::Location{91, 0};
       },
       "latitude"},
      {"reading.location",
       [](auto& r) {
         r.location = greenlane::ingest::Location{0, -181};
       },
       "longitude"},
      {"reading.source_line", [](auto& r) { r.source_line = -1; }, "negative"},
      {"reading.payload_json", [](auto& r) { r.payload_json = "[1,2]"; }, "object"},
  };
  for (const auto& c : cases) {
    auto reading = ValidReading(7);
    c.spoil(reading.reading);
    const auto rejection = ValidateReading(reading);
    INFO(c.field << " / " << c.says);
    REQUIRE(rejection.has_value());
    CHECK(rejection->sequence == 7);
    CHECK(rejection->field == c.field);
    CHECK_THAT(rejection->reason, Catch::Contains(c.says));
  }
}

TEST_CASE("a batch keeps its valid readings and rejects the others with their sequence") {
  auto bad = ValidReading(2);
  bad.reading.kind = "";
  const auto screened = ScreenBatch({ValidReading(1), bad, ValidReading(3)});
  REQUIRE(screened.valid.size() == 2);
  CHECK(screened.valid[0].sequence == 1);
  CHECK(screened.valid[1].sequence == 3);
  REQUIRE(screened.rejected.size() == 1);
  CHECK(screened.rejected[0].sequence == 2);
  CHECK(screened.rejected[0].field == "reading.kind");
  CHECK(screened.highest_sequence == 3);
}

TEST_CASE("sequences must start at 1 and increase within a batch") {
  const auto screened =
      ScreenBatch({ValidReading(0), ValidReading(5), ValidReading(5), ValidReading(4), ValidReading(6)});
  REQUIRE(screened.valid.size() == 2);
  CHECK(screened.valid[0].sequence == 5);
  CHECK(screened.valid[1].sequence == 6);
  REQUIRE(screened.rejected.size() == 3);
  for (const auto& rejection : screened.rejected) CHECK(rejection.field == "sequence");
  CHECK_THAT(screened.rejected[0].reason, Catch::Contains("start at 1"));
  CHECK_THAT(screened.rejected[2].reason, Catch::Contains("not above the previous 5"));
  CHECK(screened.highest_sequence == 6);
}

TEST_CASE("an empty batch has nothing to acknowledge") { CHECK(ScreenBatch({}).highest_sequence == 0); }
