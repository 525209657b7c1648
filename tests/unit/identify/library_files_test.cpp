#include "domain/spectral/library_files.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace greenlane::identify::spectral;

namespace {

std::string ReadData(const std::string& name) {
  std::ifstream in(std::string(GREENLANE_SOURCE_DIR) + "/tests/data/identify/" + name);
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The error's field and message for a file that must be rejected.
std::pair<std::string, std::string> MspError(const std::string& text) {
  const auto parsed = ParseMsp(text, "test.msp");
  REQUIRE_FALSE(parsed.ok());
  return {parsed.error().field, parsed.error().message};
}

std::pair<std::string, std::string> MgfError(const std::string& text) {
  const auto parsed = ParseMgf(text, "test.mgf");
  REQUIRE_FALSE(parsed.ok());
  return {parsed.error().field, parsed.error().message};
}

}  // namespace

TEST_CASE("an MSP library yields its spectra with species, precursor, polarity and peaks") {
  const auto parsed = ParseMsp(ReadData("two_species.msp"), "two_species.msp");
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 2);
  const ReferenceSpectrum& first = (*parsed)[0];
  CHECK(first.name == "Dalbergia nigra heartwood DART+ 1");
  CHECK(first.species == "Dalbergia nigra");
  CHECK(first.source == "two_species.msp");
  CHECK(first.polarity == Polarity::kPositive);
  CHECK(first.precursor_mz == 301.07);
  CHECK(first.peaks == std::vector<Peak>{{121.0284, 120}, {137.0233, 1000}, {255.0652, 430}, {285.0757, 88}});
  const ReferenceSpectrum& second = (*parsed)[1];
  CHECK(second.species == "Swietenia macrophylla");
  CHECK(second.source == "Xylarium Bogoriense");
  CHECK_FALSE(second.precursor_mz.has_value());
  CHECK(second.peaks == std::vector<Peak>{{105.0335, 50}, {147.0441, 999}, {163.0390, 310}});
}

TEST_CASE("MSP records without a blank line between them and with CRLF line ends are read") {
  const auto parsed = ParseMsp(
      "Name: a\r\nSpecies: X y\r\nNum Peaks: 1\r\n100 1\r\nName: b\r\nSpecies: X z\r\nNum Peaks: 1\r\n200 2\r\n", "t");
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 2);
  CHECK((*parsed)[1].peaks == std::vector<Peak>{{200, 2}});
}

TEST_CASE("malformed MSP files are rejected with the line and the reason") {
  auto [field, message] = MspError("Name: a\nSpecies: X y\nNum Peaks: 2\n100 1\n\n");
  CHECK(field == "line 5");
  CHECK(message.find("declares 2 peaks but lists 1") != std::string::npos);

  std::tie(field, message) = MspError("Name: a\nSpecies: X y\nNum Peaks: 1\n100 1\n101 2\n");
  CHECK(field == "line 5");
  CHECK(message.find("more than the 1 peaks") != std::string::npos);

  std::tie(field, message) = MspError("Name: a\nSpecies: X y\nNum Peaks: 1\n100 abc\n");
  CHECK(field == "line 4");
  CHECK(message.find("'abc'") != std::string::npos);

  std::tie(field, message) = MspError("Name: a\nSpecies: X y\nNum Peaks: 1\n100\n");
  CHECK(field == "line 4");
  CHECK(message.find("pairs") != std::string::npos);

  std::tie(field, message) = MspError("Species: X y\nNum Peaks: 1\n100 1\n");
  CHECK(field == "line 1");
  CHECK(message.find("no 'Name:'") != std::string::npos);

  std::tie(field, message) = MspError("Name: a\nNum Peaks: 1\n100 1\n");
  CHECK(message.find("no 'Species:'") != std::string::npos);

  std::tie(field, message) = MspError("Name: a\nSpecies: X y\n100 1\n");
  CHECK(field == "line 3");
  CHECK(message.find("expected 'Key: value'") != std::string::npos);

  std::tie(field, message) = MspError("Name: a\nSpecies: X y\nPrecursorMZ: -5\nNum Peaks: 0\n");
  CHECK(field == "line 3");

  std::tie(field, message) = MspError("Name: a\nSpecies: X y\nNum Peaks: 1e9\n");
  CHECK(field == "line 3");
  CHECK(message.find("whole number") != std::string::npos);

  std::tie(field, message) = MspError("Name: a\nSpecies: X y\nIon_mode: sideways\nNum Peaks: 0\n");
  CHECK(message.find("sideways") != std::string::npos);

  std::tie(field, message) = MspError("Name: a\nSpecies: X y\nNum Peaks: 1\n100 -1\n");
  CHECK(message.find("intensity '-1'") != std::string::npos);

  std::tie(field, message) = MspError("Name: a\nSpecies: X y\nNum Peaks: 1\n100 1 \"open annotation\n");
  CHECK(message.find("not closed") != std::string::npos);
}

TEST_CASE("an MGF library yields its spectra, CHARGE gives the polarity when IONMODE is absent") {
  const auto parsed = ParseMgf(ReadData("two_species.mgf"), "two_species.mgf");
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 2);
  const ReferenceSpectrum& first = (*parsed)[0];
  CHECK(first.name == "Dalbergia nigra heartwood DART+ 1");
  CHECK(first.species == "Dalbergia nigra");
  CHECK(first.precursor_mz == 301.07);
  CHECK(first.polarity == Polarity::kPositive);
  CHECK(first.source == "two_species.mgf");
  CHECK(first.peaks == std::vector<Peak>{{121.0284, 120}, {137.0233, 1000}, {255.0652, 430}});
  const ReferenceSpectrum& second = (*parsed)[1];
  CHECK(second.species == "Pterocarpus santalinus");
  CHECK(second.polarity == Polarity::kNegative);
  CHECK(second.source == "Lab X");
  CHECK(second.peaks == std::vector<Peak>{{285.0757, 88}});
}

TEST_CASE("malformed MGF files are rejected with the line and the reason") {
  auto [field, message] = MgfError("BEGIN IONS\nSPECIES=X y\n100 1\n");
  CHECK(field == "line 4");  // the end of the text
  CHECK(message.find("no END IONS") != std::string::npos);

  std::tie(field, message) = MgfError("BEGIN IONS\nSPECIES=X y\nBEGIN IONS\n");
  CHECK(field == "line 3");
  CHECK(message.find("inside the block opened on line 1") != std::string::npos);

  std::tie(field, message) = MgfError("END IONS\n");
  CHECK(field == "line 1");

  std::tie(field, message) = MgfError("100 1\n");
  CHECK(field == "line 1");
  CHECK(message.find("outside a BEGIN IONS block") != std::string::npos);

  std::tie(field, message) = MgfError("BEGIN IONS\nSPECIES=X y\n100 x\nEND IONS\n");
  CHECK(field == "line 3");
  CHECK(message.find("'x'") != std::string::npos);

  std::tie(field, message) = MgfError("BEGIN IONS\nSPECIES=X y\n100\nEND IONS\n");
  CHECK(field == "line 3");

  std::tie(field, message) = MgfError("BEGIN IONS\nTITLE=t\n100 1\nEND IONS\n");
  CHECK(field == "line 1");
  CHECK(message.find("no SPECIES=") != std::string::npos);

  std::tie(field, message) = MgfError("BEGIN IONS\nSPECIES=X y\nPEPMASS=abc\nEND IONS\n");
  CHECK(field == "line 3");
}

TEST_CASE("an MGF spectrum with more peaks than the limit is rejected") {
  std::string text = "BEGIN IONS\nSPECIES=X y\n";
  for (std::size_t i = 0; i <= kMaxPeaksPerSpectrum; ++i) text += "100 1\n";
  text += "END IONS\n";
  const auto [field, message] = MgfError(text);
  CHECK(message.find("more than") != std::string::npos);
}

TEST_CASE("empty library files hold no spectra") {
  CHECK(ParseMsp("", "t")->empty());
  CHECK(ParseMgf("\n\n", "t")->empty());
}
