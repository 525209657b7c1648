#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/xrf/screening.h"
#include "test_support.h"

using namespace greenlane::identify::xrf;
using greenlane::identify::rule_support::Confidence;
using greenlane::identify::testing::D;
using greenlane::identify::testing::ShippedData;
using greenlane::instruments::XrfElement;
using greenlane::instruments::XrfPayload;

namespace {

const ActionLevelTable& Table() {
  static const ActionLevelTable table = [] {
    auto loaded = LoadActionLevels(ShippedData("xrf_action_levels.json"));
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
  }();
  return table;
}

XrfElement Measured(std::string symbol, std::string value, std::string sigma) {
  XrfElement element;
  element.symbol = std::move(symbol);
  element.concentration_ppm = D(value);
  element.error_1s_ppm = D(sigma);
  return element;
}

XrfElement BelowLod(std::string symbol) {
  XrfElement element;
  element.symbol = std::move(symbol);
  element.below_lod = true;
  return element;
}

// A polymer reading where everything but `element` is clean.
XrfPayload Polymer(const XrfElement& element) {
  XrfPayload payload;
  payload.method = "RoHS";
  for (const char* symbol : {"Cd", "Pb", "Hg", "Br", "Cr"}) {
    payload.elements.push_back(symbol == element.symbol ? element : BelowLod(symbol));
  }
  return payload;
}

Screening Run(const XrfPayload& reading, const std::string& set) {
  auto screening = Screen(reading, Table(), set);
  REQUIRE(screening.ok());
  return std::move(screening).value();
}

const ElementVerdict& VerdictOf(const Screening& screening, const std::string& symbol) {
  for (const auto& element : screening.elements) {
    if (element.symbol == symbol) return element;
  }
  FAIL("no verdict for " << symbol);
  throw std::logic_error("unreachable");
}

Verdict PbVerdict(const std::string& value, const std::string& sigma) {
  return VerdictOf(Run(Polymer(Measured("Pb", value, sigma)), "rohs-polymers"), "Pb").verdict;
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the shipped action-level sets hold the reference screening levels") {
  const ActionLevelSet* polymers = Table().Find("rohs-polymers");
  REQUIRE(polymers != nullptr);
  REQUIRE(polymers->elements.size() == 5);
  CHECK(polymers->elements[0].symbol == "Cd");
  CHECK(polymers->elements[0].pass_below_ppm == D("70"));
  CHECK(polymers->elements[0].fail_above_ppm == D("130"));
  CHECK(Table().Find("rohs-metals") != nullptr);
  CHECK(Table().Find("basel-heavy-metals") != nullptr);
  CHECK(Table().BaselYCodes("Pb") == std::vector<std::string>{"Y31"});
  CHECK(Table().BaselYCodes("Br").empty());
}

TEST_CASE("PASS needs value + 3σ strictly below the pass level") {
  CHECK(PbVerdict("639.99", "20") == Verdict::kPass);       // 699.99 < 700
  CHECK(PbVerdict("640", "20") == Verdict::kInconclusive);  // 700 is not below 700
  CHECK(PbVerdict("640.000001", "20") == Verdict::kInconclusive);
  CHECK(PbVerdict("699", "0.33") == Verdict::kPass);           // 699.99
  CHECK(PbVerdict("699", "0.334") == Verdict::kInconclusive);  // 700.002
}

TEST_CASE("FAIL needs value − 3σ strictly above the fail level") {
  CHECK(PbVerdict("1360.01", "20") == Verdict::kFail);  // 1300.01 > 1300
  CHECK(PbVerdict("1360", "20") == Verdict::kInconclusive);
  CHECK(PbVerdict("1301", "0.33") == Verdict::kFail);  // 1300.01
  CHECK(PbVerdict("1301", "0.334") == Verdict::kInconclusive);

  const auto failing = Run(Polymer(Measured("Pb", "2100", "25")), "rohs-polymers");
  const auto& pb = VerdictOf(failing, "Pb");
  CHECK(pb.three_sigma_ppm == D("75"));
  CHECK(pb.reason ==
        "Pb 2100 ± 75 ppm (3σ): lower bound 2025 ppm is above the 1300 ppm fail level; legal limit 1000 ppm");
}

TEST_CASE("non-detects pass and a zero with a σ is judged like any value") {
  const auto clean = Run(Polymer(BelowLod("Cd")), "rohs-polymers");
  CHECK(clean.verdict == Verdict::kPass);
  CHECK(clean.confidence == Confidence::kHigh);
  CHECK(VerdictOf(clean, "Cd").below_lod);
  CHECK(clean.basel_y_codes.empty());

  CHECK(VerdictOf(Run(Polymer(Measured("Cd", "0", "4")), "rohs-polymers"), "Cd").verdict == Verdict::kPass);
  // 0 ± 90 ppm cannot show cadmium below 70 ppm.
  CHECK(VerdictOf(Run(Polymer(Measured("Cd", "0", "30")), "rohs-polymers"), "Cd").verdict == Verdict::kInconclusive);
}

TEST_CASE("elements XRF cannot fail, not reported or without σ are inconclusive") {
  // The black cable of the sample export: total bromine far above the pass level.
  const auto cable = Run(Polymer(Measured("Br", "2418", "15")), "rohs-polymers");
  CHECK(cable.verdict == Verdict::kInconclusive);
  CHECK(cable.confidence == Confidence::kLow);
  const auto& br = VerdictOf(cable, "Br");
  CHECK(br.verdict == Verdict::kInconclusive);
  CHECK(Contains(br.reason, "2373 ppm to 2463 ppm"));
  CHECK(Contains(br.reason, "proxy for PBB and PBDE"));
  CHECK(Contains(br.reason, "refer to the customs laboratory"));

  XrfPayload partial;
  partial.elements = {BelowLod("Cd"), BelowLod("Pb"), BelowLod("Br"), BelowLod("Cr")};
  const auto missing = Run(partial, "rohs-polymers");
  CHECK(missing.verdict == Verdict::kInconclusive);
  CHECK(Contains(VerdictOf(missing, "Hg").reason, "Hg is not reported"));
  CHECK(missing.basel_y_codes == std::vector<std::string>{"Y29"});

  XrfElement no_sigma;
  no_sigma.symbol = "Pb";
  no_sigma.concentration_ppm = D("15");
  CHECK(VerdictOf(Run(Polymer(no_sigma), "rohs-polymers"), "Pb").verdict == Verdict::kInconclusive);
}

TEST_CASE("any FAIL makes the reading FAIL, and the Y codes name every element that did not pass") {
  XrfPayload scrap;
  scrap.elements = {Measured("Cd", "400", "10"), Measured("Pb", "1000", "20"), Measured("Hg", "5", "2"),
                    Measured("Cr", "900", "30")};
  const auto screening = Run(scrap, "basel-heavy-metals");
  CHECK(screening.verdict == Verdict::kFail);
  CHECK(screening.confidence == Confidence::kHigh);
  CHECK(VerdictOf(screening, "Cd").verdict == Verdict::kFail);
  CHECK(VerdictOf(screening, "Pb").verdict == Verdict::kInconclusive);
  CHECK(VerdictOf(screening, "Hg").verdict == Verdict::kPass);
  CHECK(screening.basel_y_codes == std::vector<std::string>{"Y21", "Y26", "Y31"});
  CHECK(Contains(screening.reason, "FAIL for Cd"));
}

TEST_CASE("the solder joint of the sample export is inconclusive for lead under the metals set") {
  XrfPayload solder;
  solder.elements = {BelowLod("Cr"),
                     BelowLod("Br"),
                     Measured("Cd", "0", "4"),
                     BelowLod("Hg"),
                     Measured("Pb", "1180", "25"),
                     Measured("Sn", "402110", "900")};
  const auto screening = Run(solder, "rohs-metals");
  CHECK(screening.verdict == Verdict::kInconclusive);
  CHECK(VerdictOf(screening, "Pb").reason ==
        "Pb 1180 ± 75 ppm (3σ): 1105 ppm to 1255 ppm is not below the 700 ppm pass level nor above the 1300 ppm fail "
        "level; legal limit 1000 ppm; refer to the customs laboratory");
  CHECK(screening.basel_y_codes == std::vector<std::string>{"Y31"});
}

TEST_CASE("unknown sets and impossible values are refused naming the field") {
  const auto unknown = Screen(Polymer(BelowLod("Cd")), Table(), "rohs-glass");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().field == "set");

  const auto negative_sigma = Screen(Polymer(Measured("Pb", "10", "-1")), Table(), "rohs-polymers");
  REQUIRE_FALSE(negative_sigma.ok());
  CHECK(negative_sigma.error().field == "elements/1/error_1s_ppm");

  const auto huge = Screen(Polymer(Measured("Pb", "1000001", "1")), Table(), "rohs-polymers");
  REQUIRE_FALSE(huge.ok());
  CHECK(huge.error().field == "elements/1/concentration_ppm");
}
