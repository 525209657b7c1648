// Files from an export folder are untrusted: a damaged USB stick, a wrong file or a deliberate
// attack must end in one clear error, never in a crash, a hang or a half-imported file.
#include <catch2/catch.hpp>
#include <string>

#include "greenlane/instruments/formats.h"
#include "sample_files.h"

using namespace greenlane::instruments;
using greenlane::instruments::testing::Named;
using greenlane::instruments::testing::SampleFile;

namespace {

std::string ErrorOf(std::string_view bytes, const ParseOptions& options = Named("hostile.csv")) {
  auto parsed = ParseVantaCsv(bytes, options);
  REQUIRE_FALSE(parsed.ok());
  return parsed.error().message;
}

const std::string kRohs = SampleFile("vanta/rohs_20261103_port-callao.csv");

}  // namespace

TEST_CASE("a file over the size limit is refused before parsing") {
  ParseOptions options = Named("big.csv");
  options.max_file_bytes = 1000;
  auto parsed = ParseVantaCsv(kRohs, options);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().kind == greenlane::core::ErrorKind::kPayloadTooLarge);
  CHECK(parsed.error().message == "big.csv: file is 1376 bytes, over the limit of 1000 bytes");
  CHECK(ParseOptions{}.max_file_bytes == 32u * 1024 * 1024);
}

TEST_CASE("NUL bytes in a real export are reported where they are") {
  std::string damaged = kRohs;
  const std::size_t at = damaged.find("RoHS,,CNT-MSKU4421907 item 5");
  damaged[at + 1] = '\0';
  CHECK(ErrorOf(damaged) ==
        "hostile.csv, line 4, column 5: control byte 0x00 in the text: the file looks binary or damaged");
  CHECK(ErrorOf(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)) ==
        "hostile.csv, line 1, column 1: text is not valid UTF-8");
  const std::string header = kRohs.substr(0, kRohs.find("841515"));
  CHECK(ErrorOf(header + std::string("PK\x03\x04\0\0", 6)) ==
        "hostile.csv, line 3, column 1: control byte 0x03 in the text: the file looks binary or damaged");
}

TEST_CASE("a huge line, 10,000 columns and an unterminated quote are refused") {
  const std::string header = kRohs.substr(0, kRohs.find("841515"));
  CHECK(ErrorOf(header + std::string(100'000, '7') + "\n") ==
        "hostile.csv, line 3, column 1: line longer than 65536 bytes, the limit per line");
  std::string wide = header;
  for (int i = 0; i < 10'000; ++i) wide += "1,";
  CHECK(ErrorOf(wide) == "hostile.csv, line 3, column 4097: more than 4096 columns");
  CHECK(ErrorOf(header + "841515,1207,11/03/2026,09:14:02,RoHS,,\"CNT-MSKU4421907 item 3,Off\n") ==
        "hostile.csv, line 3, column 7: quoted field opened here is never closed (missing closing \")");
}

TEST_CASE("a truncated export is refused rather than imported in part") {
  for (const std::size_t cut : {kRohs.size() - 30, kRohs.find("1209") + 40}) {
    INFO(cut);
    const std::string message = ErrorOf(kRohs.substr(0, cut));
    CHECK(message.starts_with("hostile.csv, line 5, column "));
    CHECK(message.find("fields as in the header") != std::string::npos);
  }
}

TEST_CASE("wrong types in any parser name the offending column") {
  ParseOptions options = Named("types.csv");
  options.file_time = greenlane::core::ParseRfc3339("2026-11-05T10:00:00Z");
  std::string rohs = kRohs;
  rohs.replace(rohs.find("-12.04632"), 9, "south");
  CHECK(ErrorOf(rohs, options) ==
        "types.csv, line 3, column 9 (\"Latitude\"): bad number \"south\": expected a decimal such as 12.5");
  std::string refrigerant = SampleFile("refrigerant/ri_20261103_port-callao.csv");
  refrigerant.replace(refrigerant.find("2026-11-03,10:09:40"), 10, "yesterday!");
  auto parsed = ParseAnyFormat(refrigerant, options);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().message ==
        "types.csv, line 3, column 3 (\"Date\"): bad date \"yesterday!\": expected MM/DD/YYYY or YYYY-MM-DD");
}

TEST_CASE("every prefix of every sample either parses or fails cleanly") {
  ParseOptions options = Named("prefix.csv");
  options.file_time = greenlane::core::ParseRfc3339("2026-11-05T10:00:00Z");
  for (const char* path :
       {"vanta/rohs_20261103_port-callao.csv", "refrigerant/ri_20261103_port-callao.csv",
        "xylotron/results_20261103.csv", "qpcr/mic_run_2026-118.csv", "dart/LAB-2026-0932_agarwood-chips.csv"}) {
    const std::string text = SampleFile(path);
    for (std::size_t cut = 0; cut < text.size(); ++cut) {
      auto parsed = ParseAnyFormat(std::string_view(text).substr(0, cut), options);
      if (!parsed.ok()) CHECK(parsed.error().message.starts_with("prefix.csv"));
    }
  }
}
