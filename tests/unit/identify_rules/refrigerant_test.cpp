#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/refrigerant/identification.h"
#include "test_support.h"

using namespace greenlane::identify::refrigerant;
using greenlane::identify::rule_support::Confidence;
using greenlane::identify::testing::D;
using greenlane::identify::testing::ShippedData;
using greenlane::instruments::RefrigerantPayload;

namespace {

const RefrigerantTable& Table() {
  static const RefrigerantTable table = [] {
    auto loaded = LoadRefrigerantTable(ShippedData("refrigerants.json"));
    REQUIRE(loaded.ok());
    return std::move(loaded).value();
  }();
  return table;
}

// A reading as the identifier exports it: columns named without the dash ("R134a").
RefrigerantPayload Reading(std::string label, const std::vector<std::pair<std::string, std::string>>& components,
                           std::string hydrocarbons = "0.0", std::string air = "0.0") {
  RefrigerantPayload payload;
  payload.cylinder_label = std::move(label);
  for (const auto& [name, percent] : components) payload.components.push_back({name, D(percent)});
  payload.hydrocarbons_percent = D(hydrocarbons);
  payload.air_percent = D(air);
  return payload;
}

RefrigerantIdentification Identify(const RefrigerantPayload& reading, const Declaration& declared = {}) {
  auto result = IdentifyRefrigerant(reading, declared, Table(), Table().judging());
  REQUIRE(result.ok());
  return std::move(result).value();
}

std::string ColumnName(const std::string& name) {
  std::string column;
  for (const char c : name) {
    if (c != '-') column += c;
  }
  return column;
}

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const Finding* FindingOf(const RefrigerantIdentification& result, FindingKind kind) {
  for (const auto& finding : result.findings) {
    if (finding.kind == kind) return &finding;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("every pure substance of the reference table is identified with its treaty facts and HS code") {
  struct Row {
    std::string name, chemical, annex, group, odp, gwp, hs;
  };
  // refrigerants.md, "Pure substances", as written there ("" for "–" and "not controlled").
  const std::vector<Row> rows = {
      {"R-11", "CFC-11", "A", "I", "1.0", "", "2903.77"},
      {"R-12", "CFC-12", "A", "I", "1.0", "", "2903.77"},
      {"R-115", "CFC-115", "A", "I", "0.6", "", "2903.77"},
      {"R-22", "HCFC-22", "C", "I", "0.055", "", "2903.71"},
      {"R-123", "HCFC-123", "C", "I", "0.02", "", "2903.72"},
      {"R-124", "HCFC-124", "C", "I", "0.022", "", "2903.79"},
      {"R-141b", "HCFC-141b", "C", "I", "0.11", "", "2903.73"},
      {"R-142b", "HCFC-142b", "C", "I", "0.065", "", "2903.74"},
      {"R-23", "HFC-23", "F", "II", "", "14800", "2903.41"},
      {"R-32", "HFC-32", "F", "I", "", "675", "2903.42"},
      {"R-125", "HFC-125", "F", "I", "", "3500", "2903.44"},
      {"R-143a", "HFC-143a", "F", "I", "", "4470", "2903.44"},
      {"R-134a", "HFC-134a", "F", "I", "", "1430", "2903.45"},
      {"R-152a", "HFC-152a", "F", "I", "", "124", "2903.43"},
      {"R-1234yf", "HFO-1234yf", "", "", "", "", "2903.51"},
      {"R-290", "propane", "", "", "", "3", "2711.12"},
      {"R-600", "butane", "", "", "", "4", "2711.13"},
      {"R-600a", "isobutane", "", "", "", "3", "2901.10"},
  };
  REQUIRE(Table().substances().size() == rows.size());
  for (const auto& row : rows) {
    INFO(row.name);
    const auto result = Identify(Reading(row.name, {{ColumnName(row.name), "99.1"}}, "0.0", "0.9"));
    CHECK(result.call == Call::kPure);
    CHECK(result.name == row.name);
    CHECK(result.confidence == Confidence::kHigh);
    CHECK(result.hs_code == row.hs);
    REQUIRE(result.components.size() == 1);
    const Substance& facts = *result.components[0].facts;
    CHECK(facts.chemical == row.chemical);
    CHECK(facts.annex == row.annex);
    CHECK(facts.group == row.group);
    CHECK(facts.odp == (row.odp.empty() ? std::nullopt : std::optional(D(row.odp))));
    CHECK(facts.gwp == (row.gwp.empty() ? std::nullopt : std::optional(D(row.gwp))));
    CHECK(result.controlled_under ==
          (row.annex.empty() ? std::vector<std::string>{} : std::vector<std::string>{"Annex " + row.annex}));
    CHECK_FALSE(result.Has(FindingKind::kLabelMismatch));
  }
}

TEST_CASE("every blend of the reference table is identified at its nominal composition, with its 3827 code") {
  struct Row {
    std::string name;
    std::vector<std::pair<std::string, std::string>> components;
    std::vector<std::string> controlled_under;
    std::string hs;
  };
  // refrigerants.md, "Blends (mass %)".
  const std::vector<Row> rows = {
      {"R-404A", {{"R125", "44"}, {"R143a", "52"}, {"R134a", "4"}}, {"Annex F"}, "3827.61"},
      {"R-507A", {{"R125", "50"}, {"R143a", "50"}}, {"Annex F"}, "3827.61"},
      {"R-410A", {{"R32", "50"}, {"R125", "50"}}, {"Annex F"}, "3827.63"},
      {"R-407C", {{"R32", "23"}, {"R125", "25"}, {"R134a", "52"}}, {"Annex F"}, "3827.64"},
      {"R-427A", {{"R32", "15"}, {"R125", "25"}, {"R143a", "10"}, {"R134a", "50"}}, {"Annex F"}, "3827.64"},
      {"R-417A", {{"R125", "46.6"}, {"R134a", "50"}, {"R600", "3.4"}}, {"Annex F"}, "3827.63"},
      {"R-421A", {{"R125", "58"}, {"R134a", "42"}}, {"Annex F"}, "3827.62"},
      {"R-421B", {{"R125", "85"}, {"R134a", "15"}}, {"Annex F"}, "3827.62"},
      {"R-422A", {{"R125", "85.1"}, {"R134a", "11.5"}, {"R600a", "3.4"}}, {"Annex F"}, "3827.62"},
      {"R-422B", {{"R125", "55"}, {"R134a", "42"}, {"R600a", "3"}}, {"Annex F"}, "3827.62"},
      {"R-422C", {{"R125", "82"}, {"R134a", "15"}, {"R600a", "3"}}, {"Annex F"}, "3827.62"},
      {"R-422D", {{"R125", "65.1"}, {"R134a", "31.5"}, {"R600a", "3.4"}}, {"Annex F"}, "3827.62"},
      {"R-408A", {{"R125", "7"}, {"R143a", "46"}, {"R22", "47"}}, {"Annex C", "Annex F"}, "3827.31"},
      {"R-502", {{"R22", "48.8"}, {"R115", "51.2"}}, {"Annex A", "Annex C"}, "3827.11"},
  };
  REQUIRE(Table().blends().size() == rows.size());
  for (const auto& row : rows) {
    INFO(row.name);
    const auto result = Identify(Reading(row.name, row.components));
    CHECK(result.call == Call::kBlend);
    CHECK(result.name == row.name);
    CHECK(result.confidence == Confidence::kHigh);
    CHECK(result.hs_code == row.hs);
    CHECK(result.controlled_under == row.controlled_under);
    CHECK(result.components.size() == row.components.size());
    CHECK_FALSE(result.Has(FindingKind::kLabelMismatch));
  }
}

TEST_CASE("a blend's hydrocarbon is matched against the HC reading when the analyzer has no column for it") {
  const auto r417a = Identify(Reading("R-417A", {{"R125", "46.0"}, {"R134a", "50.1"}}, "3.4", "0.5"));
  CHECK(r417a.call == Call::kBlend);
  CHECK(r417a.name == "R-417A");
  // 3.4 % hydrocarbons is above the alarm level, and expected in this blend: the alarm says both.
  const Finding* alarm = FindingOf(r417a, FindingKind::kFlammableAlarm);
  REQUIRE(alarm != nullptr);
  CHECK(Contains(alarm->message, "HC 3.4 %"));
  CHECK(Contains(alarm->message, "expected: R-417A holds R-600 3.4 %"));

  const auto r422d = Identify(Reading("R-422D", {{"R125", "64.0"}, {"R134a", "32.0"}}, "3.2", "0.8"));
  CHECK(r422d.name == "R-422D");
}

TEST_CASE("noisy readings within tolerance still identify every blend, with air excluded from the shares") {
  for (const auto& blend : Table().blends()) {
    INFO(blend.name);
    // Shift the first component up 1.5 points and the others down by as much in total, and add
    // 1.0 % air scaling the rest by 0.99: every share stays within ±2 points.
    std::vector<std::pair<std::string, std::string>> components;
    const auto scaled = [](long long hundredths) {
      const long long units = hundredths * 99;  // × 0.99, four decimals
      return std::to_string(units / 10000) + "." + std::to_string(10000 + units % 10000).substr(1);
    };
    const std::size_t others = blend.components.size() - 1;
    for (std::size_t i = 0; i < blend.components.size(); ++i) {
      const auto& component = blend.components[i];
      const long long nominal = component.percent.units() * (component.percent.scale() == 0 ? 100 : 10);
      const long long shift = i == 0 ? 150 : -150 / static_cast<long long>(others);
      components.push_back({ColumnName(component.substance->name), scaled(nominal + shift)});
    }
    const auto result = Identify(Reading(blend.name, components, "0.0", "1.0"));
    CHECK(result.call == Call::kBlend);
    CHECK(result.name == blend.name);
  }
}

TEST_CASE("the sample export of the port of Callao reads as an officer expects") {
  // shared/samples/instruments/refrigerant/ri_20261103_port-callao.csv, rows 0481 to 0485.
  const auto clean = Identify(Reading(
      "R-134a", {{"R12", "0.0"}, {"R22", "0.0"}, {"R32", "0.0"}, {"R125", "0.0"}, {"R134a", "99.1"}}, "0.3", "0.6"));
  CHECK(clean.call == Call::kPure);
  CHECK(clean.name == "R-134a");
  CHECK(clean.findings.empty());
  CHECK(Contains(clean.reason, "99.7 % of the refrigerant"));

  const auto r410a = Identify(Reading("R-410A", {{"R22", "0.2"}, {"R32", "49.1"}, {"R125", "49.8"}}, "0.0", "0.9"));
  CHECK(r410a.call == Call::kBlend);
  CHECK(r410a.name == "R-410A");
  CHECK(r410a.findings.empty());

  const auto r404a = Identify(Reading("R-404A", {{"R125", "43.2"}, {"R134a", "4.6"}, {"R143a", "51.1"}}, "0.0", "1.1"));
  CHECK(r404a.name == "R-404A");
  CHECK(r404a.hs_code == "3827.61");

  const auto relabelled =
      Identify(Reading("R-410A", {{"R32", "24.0"}, {"R125", "25.2"}, {"R134a", "50.3"}}, "0.0", "0.5"));
  CHECK(relabelled.call == Call::kBlend);
  CHECK(relabelled.name == "R-407C");
  const Finding* mismatch = FindingOf(relabelled, FindingKind::kLabelMismatch);
  REQUIRE(mismatch != nullptr);
  CHECK(mismatch->message == "the cylinder label says 'R-410A' but the sample is R-407C");
}

TEST_CASE("38 % R-22 in a cylinder labelled R-134a is an unknown mixture holding an HCFC") {
  const auto result =
      Identify(Reading("R-134a", {{"R22", "38.5"}, {"R134a", "60.2"}}, "0.0", "1.3"), Declaration{"HFC-134a", D("10")});
  CHECK(result.call == Call::kUnknownMixture);
  CHECK(result.name.empty());
  CHECK(result.confidence == Confidence::kHigh);
  CHECK(Contains(result.reason, "the closest is R-134a, 39.0 points off on R-22"));
  CHECK(result.hs_code == "3827.31");
  CHECK(result.controlled_under == std::vector<std::string>{"Annex C", "Annex F"});
  const Finding* label = FindingOf(result, FindingKind::kLabelMismatch);
  REQUIRE(label != nullptr);
  CHECK(label->message ==
        "the cylinder label says 'R-134a' but the sample is an unknown mixture of R-22 38.5 % (HCFC-22, Annex C Group "
        "I), R-134a 60.2 % (HFC-134a, Annex F Group I)");
  CHECK(result.Has(FindingKind::kDeclarationMismatch));
  // Licence quantities of what is really in the cylinder: 10 kg × 38.5 % × 0.055 and 10 kg × 60.2 % × 1430.
  REQUIRE(result.quantities);
  CHECK(result.quantities->odp_tonnes == D("0.00021175"));
  CHECK(result.quantities->co2e_tonnes == D("8.6086"));
  CHECK_FALSE(result.Has(FindingKind::kExcessAir));
}

TEST_CASE("licence quantities use the nominal composition of what was identified") {
  const auto r22 = Identify(Reading("R-22", {{"R22", "99.5"}}), Declaration{"R-22", D("13.6")});
  REQUIRE(r22.quantities);
  CHECK(r22.quantities->odp_tonnes == D("0.000748"));
  CHECK(r22.quantities->co2e_tonnes == D("0"));
  CHECK(r22.findings.empty());

  const auto r404a =
      Identify(Reading("R-404A", {{"R125", "44"}, {"R143a", "52"}, {"R134a", "4"}}), Declaration{"R404A", D("10")});
  REQUIRE(r404a.quantities);
  CHECK(r404a.quantities->co2e_tonnes == D("39.216"));
  CHECK(r404a.quantities->odp_tonnes == D("0"));

  CHECK_FALSE(
      IdentifyRefrigerant(Reading("R-22", {{"R22", "99.5"}}), Declaration{"", D("-1")}, Table(), Table().judging())
          .ok());
  const auto too_fine =
      IdentifyRefrigerant(Reading("R-22", {{"R22", "99.5"}}), Declaration{"", D("1.0001")}, Table(), Table().judging());
  REQUIRE_FALSE(too_fine.ok());
  CHECK(too_fine.error().field == "mass_kg");
}

TEST_CASE("purity is judged at 98 % of the refrigerant with air excluded") {
  CHECK(Identify(Reading("R-134a", {{"R134a", "98.0"}, {"R22", "2.0"}})).call == Call::kPure);
  const auto impure = Identify(Reading("R-134a", {{"R134a", "97.9"}, {"R22", "2.1"}}));
  CHECK(impure.call == Call::kUnknownMixture);
  CHECK(impure.confidence == Confidence::kMedium);  // just outside R-134a: a drifting analyzer could read this

  const auto airy = Identify(Reading("R-134a", {{"R134a", "96.5"}, {"R22", "1.5"}}, "0.0", "2.0"));
  CHECK(airy.call == Call::kPure);
  const Finding* air = FindingOf(airy, FindingKind::kExcessAir);
  REQUIRE(air != nullptr);
  CHECK(Contains(air->message, "air 2.0 % is above 1.5 %"));
}

TEST_CASE("blend tolerance is ±2 points per component by default, inclusive, and configurable") {
  const auto edge = Identify(Reading("R-410A", {{"R32", "48.0"}, {"R125", "52.0"}}));
  CHECK(edge.call == Call::kBlend);
  CHECK(edge.confidence == Confidence::kMedium);  // at the edge of the tolerance

  const auto outside = Identify(Reading("R-410A", {{"R32", "47.5"}, {"R125", "52.5"}}));
  CHECK(outside.call == Call::kUnknownMixture);
  CHECK(outside.Has(FindingKind::kLabelMismatch));
  CHECK(Contains(outside.reason, "the closest is R-410A, 2.5 points off"));
  CHECK(outside.hs_code == "3827.63");

  JudgingOptions wider = Table().judging();
  wider.blend_tolerance_points = D("3");
  const auto tolerant = IdentifyRefrigerant(Reading("R-410A", {{"R32", "47.5"}, {"R125", "52.5"}}), {}, Table(), wider);
  REQUIRE(tolerant.ok());
  CHECK(tolerant->name == "R-410A");
}

TEST_CASE("hydrocarbons and R-152a above 2 % raise the flammable alarm") {
  const auto spiked = Identify(Reading("R-134a", {{"R134a", "96.0"}}, "3.0", "1.0"));
  CHECK(spiked.Has(FindingKind::kFlammableAlarm));
  CHECK(spiked.call == Call::kUnknownMixture);

  CHECK_FALSE(Identify(Reading("R-134a", {{"R134a", "98.0"}}, "2.0")).Has(FindingKind::kFlammableAlarm));

  const auto r152a = Identify(Reading("R-152a", {{"R152a", "99.0"}}));
  CHECK(r152a.name == "R-152a");
  const Finding* alarm = FindingOf(r152a, FindingKind::kFlammableAlarm);
  REQUIRE(alarm != nullptr);
  CHECK(Contains(alarm->message, "R-152a 99.0 % by weight"));

  const auto propane = Identify(Reading("R-290", {{"R290", "99.0"}}));
  CHECK(propane.name == "R-290");
  CHECK(propane.Has(FindingKind::kFlammableAlarm));
}

TEST_CASE("hydrocarbons the analyzer cannot resolve, and a cylinder of air, go to the laboratory") {
  const auto hydrocarbons = Identify(Reading("R-600a", {}, "99.0", "1.0"));
  CHECK(hydrocarbons.call == Call::kUnknownMixture);
  CHECK(hydrocarbons.confidence == Confidence::kLow);
  CHECK(Contains(hydrocarbons.reason, "refer to the laboratory"));

  const auto empty = Identify(Reading("R-134a", {{"R134a", "0.0"}}, "0.0", "100.0"));
  CHECK(empty.call == Call::kNoRefrigerant);
  CHECK(empty.hs_code.empty());
  CHECK(empty.Has(FindingKind::kLabelMismatch));
  CHECK(empty.Has(FindingKind::kExcessAir));
}

TEST_CASE("labels and declarations are compared however they spell the refrigerant") {
  for (const std::string label : {"R-134a", "R134A", "r 134a", "HFC-134a"}) {
    INFO(label);
    CHECK_FALSE(Identify(Reading(label, {{"R134a", "99.5"}})).Has(FindingKind::kLabelMismatch));
  }
  CHECK(Identify(Reading("R-134", {{"R134a", "99.5"}})).Has(FindingKind::kLabelMismatch));
  CHECK_FALSE(Identify(Reading("", {{"R134a", "99.5"}})).Has(FindingKind::kLabelMismatch));
}

TEST_CASE("a refrigerant the table does not know makes an unknown mixture, named as the analyzer wrote it") {
  const auto result = Identify(Reading("R-134a", {{"R13", "99.0"}}));
  CHECK(result.call == Call::kUnknownMixture);
  REQUIRE(result.components.size() == 1);
  CHECK(result.components[0].name == "R13");
  CHECK_FALSE(result.components[0].facts);
  CHECK(result.hs_code == "3827.69");
}

TEST_CASE("impossible readings are refused naming the field") {
  const auto over = IdentifyRefrigerant(Reading("R-134a", {{"R134a", "101.0"}}), {}, Table(), Table().judging());
  REQUIRE_FALSE(over.ok());
  CHECK(over.error().field == "components/0/percent_by_weight");
  CHECK(Contains(over.error().message, "R134a is 101.0 %"));

  const auto twice =
      IdentifyRefrigerant(Reading("R-134a", {{"R134a", "50"}, {"R-134a", "49"}}), {}, Table(), Table().judging());
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().field == "components/1/percent_by_weight");

  const auto air =
      IdentifyRefrigerant(Reading("R-134a", {{"R134a", "99"}}, "0.0", "-1.0"), {}, Table(), Table().judging());
  REQUIRE_FALSE(air.ok());
  CHECK(air.error().field == "air_percent");
}
