#include <catch2/catch.hpp>
#include <string>

#include "greenlane/instruments/formats.h"
#include "sample_files.h"

using namespace greenlane::instruments;
using greenlane::instruments::testing::Named;
using greenlane::instruments::testing::SampleFile;

namespace {

const DartPayload& Spectrum(const Reading& reading) { return std::get<DartPayload>(reading.payload); }
Decimal D(const char* text) { return *Decimal::Parse(text); }

const std::string kMetadata =
    "# instrument: AccuTOF-DART SN 7721\n# sample: LAB-1\n# polarity: negative\n# acquired: 2026-11-05T08:31:00Z\n";

std::string ErrorOf(const std::string& text) {
  auto parsed = ParseDartPeaks(text, Named("peaks.csv"));
  REQUIRE_FALSE(parsed.ok());
  return parsed.error().message;
}

}  // namespace

TEST_CASE("a DART peak list is one reading with its metadata and every peak") {
  const std::string text = SampleFile("dart/LAB-2026-0931_dalbergia-suspect.csv");
  auto parsed = ParseDartPeaks(text, Named("dalbergia.csv"));
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 1);
  const Reading& reading = parsed->front();
  CHECK(reading.kind == ReadingKind::kDart);
  CHECK(reading.instrument_serial == "7721");
  CHECK(reading.sample_label == "LAB-2026-0931");
  CHECK(greenlane::core::FormatRfc3339(reading.captured_at, 0) == "2026-11-05T08:31:00Z");
  CHECK(reading.raw == text);
  const DartPayload& spectrum = Spectrum(reading);
  CHECK(spectrum.instrument == "AccuTOF-DART SN 7721");
  CHECK(spectrum.polarity == Polarity::kPositive);
  REQUIRE(spectrum.peaks.size() == 85);
  CHECK(spectrum.peaks.front().mz == D("60.2943"));
  CHECK(spectrum.peaks.front().intensity == D("79.9"));
  CHECK(spectrum.peaks.back().mz == D("598.7343"));

  auto agarwood = ParseDartPeaks(SampleFile("dart/LAB-2026-0932_agarwood-chips.csv"), Named("agarwood.csv"));
  REQUIRE(agarwood.ok());
  CHECK(Spectrum(agarwood->front()).peaks.size() == 60);
  // Both samples were acquired at the same second on the same instrument: the sample id keeps
  // their natural keys apart.
  CHECK(reading.reading_number == "LAB-2026-0931");
  CHECK(reading.Key() != agarwood->front().Key());
}

TEST_CASE("DART free comments and unknown metadata are ignored, CRLF and BOM are accepted") {
  const std::string text = "\xEF\xBB\xBF# exported by TSSPro\r\n# operator: lab-3\r\n" + kMetadata +
                           "m/z,intensity\r\n"
                           "100.5,20\r\n";
  auto parsed = ParseDartPeaks(text, Named("peaks.csv"));
  REQUIRE(parsed.ok());
  CHECK(Spectrum(parsed->front()).polarity == Polarity::kNegative);
  CHECK(Spectrum(parsed->front()).peaks.size() == 1);
}

TEST_CASE("DART files missing metadata or with bad peaks are rejected with line and column") {
  CHECK(ErrorOf("# instrument: X\n# sample: S\n# acquired: 2026-11-05T08:31:00Z\nm/z,intensity\n1,2\n") ==
        "peaks.csv (\"polarity\"): missing metadata line \"# polarity: ...\" before the peak table");
  CHECK(ErrorOf(kMetadata + "m/z,intensity\n100.5,20\n101.5,-3\n") ==
        "peaks.csv, line 7, column 2 (\"intensity\"): intensity must not be negative");
  CHECK(ErrorOf(kMetadata + "m/z,intensity\n100.5\n") ==
        "peaks.csv, line 6, column 2: expected 2 fields as in the header, found 1 (line cut short?)");
  CHECK(ErrorOf(kMetadata + "m/z,intensity\n") == "peaks.csv, line 5: no peaks after the header");
  CHECK(ErrorOf(kMetadata + "# sample: LAB-2\nm/z,intensity\n1,2\n") ==
        "peaks.csv, line 5 (\"sample\"): metadata repeats line 2");
  CHECK(
      ErrorOf("# instrument: X\n# sample: S\n# polarity: up\n# acquired: 2026-11-05T08:31:00Z\nm/z,intensity\n1,2\n") ==
      "peaks.csv, line 3 (\"polarity\"): polarity \"up\" is neither positive nor negative");
}
