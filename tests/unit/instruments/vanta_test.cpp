#include <catch2/catch.hpp>
#include <string>

#include "greenlane/instruments/formats.h"
#include "sample_files.h"

using namespace greenlane::instruments;
using greenlane::instruments::testing::Named;
using greenlane::instruments::testing::SampleFile;
using greenlane::instruments::testing::WithLineEnds;

namespace {

const XrfPayload& Xrf(const Reading& reading) { return std::get<XrfPayload>(reading.payload); }
Decimal D(const char* text) { return *Decimal::Parse(text); }

// A small export in the newer layout, to vary one thing at a time.
const std::string kHeader =
    "Instrument Serial Num,Reading #,Date,Time,Method Name,Test Label, Units,Pb Concentration,Pb Error1s,"
    "Cd Concentration,Cd Error1s\n";
const std::string kRow = "841515,17,11/03/2026,09:14:02,RoHS,CNT-CSQU3054383 item 2,ppm,1180,25,<LOD,\n";

}  // namespace

TEST_CASE("the RoHS sample export gives three readings with elements, errors and non-detects") {
  auto parsed = ParseVantaCsv(SampleFile("vanta/rohs_20261103_port-callao.csv"), Named("rohs.csv"));
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 3);
  const Reading& first = parsed->front();
  CHECK(first.kind == ReadingKind::kXrf);
  CHECK(first.instrument_serial == "841515");
  CHECK(first.reading_number == "1207");
  CHECK(first.line == 3);
  CHECK(greenlane::core::FormatRfc3339(first.captured_at, 0) == "2026-11-03T09:14:02Z");
  CHECK(first.sample_label == "CNT-MSKU4421907 item 3 ABS housing");
  REQUIRE(first.consignment);
  CHECK(first.consignment->container == "MSKU4421907");
  CHECK(first.consignment->item == "3");
  CHECK(first.raw.starts_with("841515,1207,11/03/2026,09:14:02,RoHS,,CNT-MSKU4421907"));
  CHECK(first.raw.ends_with("840,40,"));  // without the CRLF
  const XrfPayload& xrf = Xrf(first);
  CHECK(xrf.method == "RoHS");
  CHECK(xrf.units == "ppm");
  CHECK(xrf.collimation == "Off");
  REQUIRE(xrf.position);
  CHECK(xrf.position->latitude.ToString() == "-12.04632");
  CHECK(xrf.position->longitude.ToString() == "-77.14210");
  CHECK(xrf.elements.size() == 9);
  REQUIRE(xrf.Find("Cr"));
  CHECK(xrf.Find("Cr")->concentration_ppm == D("18"));
  CHECK(xrf.Find("Cr")->error_1s_ppm == D("4"));
  CHECK(xrf.Find("Cd")->below_lod);
  CHECK_FALSE(xrf.Find("Cd")->concentration_ppm);
  CHECK(xrf.Find("Cl")->concentration_ppm == D("840"));

  const XrfPayload& solder = Xrf((*parsed)[2]);
  CHECK(solder.Find("Pb")->concentration_ppm == D("1180"));
  CHECK(solder.Find("Pb")->error_1s_ppm == D("25"));
  CHECK(solder.Find("Sn")->concentration_ppm == D("402110"));
  // "0 with a σ" is a measured value, not a non-detect.
  CHECK_FALSE(solder.Find("Cd")->below_lod);
  CHECK(solder.Find("Cd")->concentration_ppm == D("0"));
  CHECK(solder.Find("Cd")->error_1s_ppm == D("4"));
}

TEST_CASE("the Geochem sample export reads oxide compounds, PPM and the older Error 1s columns") {
  auto parsed = ParseVantaCsv(SampleFile("vanta/geochem_20261104_scrap.csv"), Named("geochem.csv"));
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 1);
  const Reading& reading = parsed->front();
  CHECK(reading.reading_number == "1301");
  CHECK(greenlane::core::FormatRfc3339(reading.captured_at, 0) == "2026-11-04T14:02:11Z");
  CHECK_FALSE(reading.consignment);
  const XrfPayload& xrf = Xrf(reading);
  CHECK(xrf.method == "Geochem(3-Beam)");
  CHECK(xrf.units == "PPM");
  CHECK_FALSE(xrf.position);
  const XrfElement* mg = xrf.Find("Mg");
  REQUIRE(mg);
  CHECK(mg->compound == "MgO");
  CHECK(mg->compound_level_ppm == D("117292"));
  CHECK(mg->compound_error_ppm == D("3482"));
  CHECK(mg->concentration_ppm == D("70743"));
  CHECK(mg->error_1s_ppm == D("2100"));
  CHECK(xrf.Find("Pb")->compound.empty());
  CHECK(xrf.Find("Pb")->concentration_ppm == D("3390"));
  CHECK(xrf.Find("As")->error_1s_ppm == D("9"));
  CHECK(xrf.Find("Hg")->below_lod);
}

TEST_CASE("Vanta local times take the configured UTC offset") {
  ParseOptions options = Named("rohs.csv");
  options.utc_offset = *ParseUtcOffset("-05:00");
  auto parsed = ParseVantaCsv(SampleFile("vanta/rohs_20261103_port-callao.csv"), options);
  REQUIRE(parsed.ok());
  CHECK(greenlane::core::FormatRfc3339(parsed->front().captured_at, 0) == "2026-11-03T14:14:02Z");
}

TEST_CASE("line endings, BOM and the sep= line do not change the readings") {
  const std::string original = SampleFile("vanta/rohs_20261103_port-callao.csv");
  auto expected = ParseVantaCsv(original, Named("rohs.csv"));
  REQUIRE(expected.ok());
  const std::string lf = WithLineEnds(original, "\n");
  const std::string without_sep = lf.substr(lf.find('\n') + 1);
  for (const std::string& variant : {lf, "\xEF\xBB\xBF" + original, without_sep, "\xEF\xBB\xBF" + without_sep}) {
    auto parsed = ParseVantaCsv(variant, Named("rohs.csv"));
    REQUIRE(parsed.ok());
    REQUIRE(parsed->size() == expected->size());
    for (std::size_t i = 0; i < parsed->size(); ++i) {
      CHECK((*parsed)[i].Key() == (*expected)[i].Key());
      CHECK((*parsed)[i].raw == (*expected)[i].raw);
      CHECK(Xrf((*parsed)[i]).elements.size() == Xrf((*expected)[i]).elements.size());
    }
  }
}

TEST_CASE("columns are found by name whatever their order, case and spacing") {
  const std::string reordered =
      "cd error 1s,PB CONCENTRATION,  units ,Test Label,Reading #,Extra Column,Time,Date,instrument serial num,"
      "Cd Concentration,Pb Error 1s\n"
      "3,1180,ppm,CNT-CSQU3054383 item 2,17,whatever,09:14:02,11/03/2026,841515,21,25\n";
  auto parsed = ParseVantaCsv(reordered, Named("reordered.csv"));
  REQUIRE(parsed.ok());
  const Reading& reading = parsed->front();
  CHECK(reading.instrument_serial == "841515");
  CHECK(reading.reading_number == "17");
  const XrfPayload& xrf = Xrf(reading);
  REQUIRE(xrf.Find("Pb"));
  REQUIRE(xrf.Find("Cd"));
  CHECK(xrf.Find("Pb")->concentration_ppm == D("1180"));
  CHECK(xrf.Find("Pb")->error_1s_ppm == D("25"));
  CHECK(xrf.Find("Cd")->concentration_ppm == D("21"));
  CHECK(xrf.Find("Cd")->error_1s_ppm == D("3"));
}

TEST_CASE("quoted labels, trailing commas, empty values and blank trailing rows are accepted") {
  const std::string text = kHeader +
                           "841515,18,11/03/2026,09:20:00,RoHS,\"CNT-CSQU3054383 item 4, \"\"red\"\" cap\",ppm,,,"
                           "<LOD,,\n" +
                           kRow + ",,,,,,,,,,\n\n";
  auto parsed = ParseVantaCsv(text, Named("quoted.csv"));
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 2);
  const Reading& quoted = parsed->front();
  CHECK(quoted.sample_label == "CNT-CSQU3054383 item 4, \"red\" cap");
  CHECK(quoted.consignment->item == "4");
  CHECK(quoted.consignment->check_digit_valid);
  // Pb is blank in this reading: not reported at all, unlike Cd which is a non-detect.
  CHECK(Xrf(quoted).Find("Pb") == nullptr);
  CHECK(Xrf(quoted).Find("Cd")->below_lod);
}

TEST_CASE("a Vanta file breaking a rule is rejected whole, naming line, column and rule") {
  const auto error_of = [](const std::string& text) {
    auto parsed = ParseVantaCsv(text, Named("bad.csv"));
    REQUIRE_FALSE(parsed.ok());
    return parsed.error().message;
  };
  CHECK(error_of(kHeader + kRow + "841515,18,11/03/2026,09:14:02,RoHS,x,ppm,1x80,25,<LOD,\n") ==
        "bad.csv, line 3, column 8 (\"Pb Concentration\"): bad number \"1x80\": expected a decimal such as 12.5");
  CHECK(error_of(kHeader + "841515,17,13/03/2026,09:14:02,RoHS,x,ppm,1,2,3,4\n") ==
        "bad.csv, line 2, column 3 (\"Date\"): bad date \"13/03/2026\": expected MM/DD/YYYY or YYYY-MM-DD");
  CHECK(error_of(kHeader + "841515,17,11/03/2026,9h14,RoHS,x,ppm,1,2,3,4\n") ==
        "bad.csv, line 2, column 4 (\"Time\"): bad time \"9h14\": expected HH:MM:SS");
  CHECK(error_of(kHeader + "841515,17,11/03/2026,09:14:02,RoHS,x,%,1,2,3,4\n") ==
        "bad.csv, line 2, column 7 (\"Units\"): unit \"%\" is not ppm");
  CHECK(error_of(kHeader + ",17,11/03/2026,09:14:02,RoHS,x,ppm,1,2,3,4\n") ==
        "bad.csv, line 2, column 1 (\"Instrument Serial Num\"): value is required");
  CHECK(error_of("Reading #,Date,Time,Units,Pb Concentration\n1,11/03/2026,09:14:02,ppm,3\n") ==
        "bad.csv, line 1: missing required column \"Instrument Serial Num\"");
  CHECK(error_of(kHeader) == "bad.csv, line 1: no readings after the header");
  // An export cut short in the middle of its last line.
  CHECK(error_of(kHeader + kRow + "841515,18,11/03/2026,09:1") ==
        "bad.csv, line 3, column 5: expected 11 fields as in the header, found 4 (line cut short?)");
  CHECK(error_of(kHeader + "841515,17,11/03/2026,09:14:02,RoHS,x,ppm,1,2,3,4,surplus\n") ==
        "bad.csv, line 2, column 12: value \"surplus\" beyond the 11 columns of the header");
  CHECK(error_of("Instrument Serial Num,Reading #,Date,Time,Units,Reading #\n") ==
        "bad.csv, line 1, column 6 (\"Reading #\"): column name repeats column 2");
}

TEST_CASE("the same file parsed twice gives the same natural keys") {
  const std::string text = SampleFile("vanta/rohs_20261103_port-callao.csv");
  auto first = ParseVantaCsv(text, Named("a.csv"));
  auto second = ParseVantaCsv(text, Named("b.csv"));
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first->at(1).Key() == second->at(1).Key());
  CHECK(first->at(0).Key() != first->at(1).Key());
  CHECK(first->at(0).Key().position == "1207");
}
