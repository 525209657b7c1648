#include <catch2/catch.hpp>

#include "domain/rules/allowable_cut.h"
#include "domain/rules/felling_point.h"
#include "domain/rules/minimum_diameter.h"
#include "test_support.h"

using namespace greenlane::timber;
using greenlane::timber::testing::At;
using greenlane::timber::testing::ShippedRules;
using greenlane::timber::testing::ShippedSpecies;
using greenlane::timber::testing::Tag;

namespace {

constexpr const char* kOkoume = "Aucoumea klaineana";

// lon 11..12, lat -1..0 with a protected hole lon 11.4..11.6, lat -0.6..-0.4; 1,000 m³ of okoume
// allowed in 2026.
Concession TestConcession() {
  return {.id = "0190f0a0-0000-7000-8000-000000000001",
          .operator_id = "0190f0a0-0000-7000-8000-000000000002",
          .name = "CFAD Ogooue 1",
          .area = ParseGeoJsonArea(nlohmann::json::parse(R"({"type": "Polygon", "coordinates": [
                    [[11, -1], [12, -1], [12, 0], [11, 0], [11, -1]],
                    [[11.4, -0.6], [11.6, -0.6], [11.6, -0.4], [11.4, -0.4], [11.4, -0.6]]]})"))
                      .value(),
          .valid_from = At("2025-01-01T00:00:00Z"),
          .valid_until = At("2030-01-01T00:00:00Z"),
          .allowable_cuts = {{.year = 2026, .species = kOkoume, .volume = Volume{1'000'000}}}};
}

}  // namespace

TEST_CASE("a tree at or above its species' minimum cutting diameter passes") {
  // Okoume: 70 cm minimum; shipped shortfall tiers 0 % / 5 %.
  const auto catalog = ShippedSpecies();
  const auto& okoume = *catalog.Find(kOkoume);
  const auto outcome =
      CheckMinimumDiameter(Tag(BarcodeKind::kTree, 1), okoume, 70, ShippedRules().minimum_diameter_shortfall_percent);
  CHECK(outcome.rule == "felling.minimum_diameter");
  CHECK(outcome.severity == Severity::kPass);
}

TEST_CASE("a tree just under the minimum diameter is flagged, one well under is refused") {
  const auto catalog = ShippedSpecies();
  const auto& okoume = *catalog.Find(kOkoume);
  const auto tiers = ShippedRules().minimum_diameter_shortfall_percent;
  const auto close = CheckMinimumDiameter(Tag(BarcodeKind::kTree, 1), okoume, 68, tiers);
  CHECK(close.severity == Severity::kWarning);
  CHECK(close.value == "2.86 %");
  const auto small = CheckMinimumDiameter(Tag(BarcodeKind::kTree, 1), okoume, 60, tiers);
  CHECK(small.severity == Severity::kError);
  CHECK(small.value == "14.29 %");
  CHECK(small.limit == "5.00 %");
  CHECK(small.message.find("60 cm diameter below the 70 cm minimum for Aucoumea klaineana") != std::string::npos);
}

TEST_CASE("a felling point inside the concession passes, on its border too") {
  const auto tiers = ShippedRules().felling_outside_metres;  // 0 m / 50 m
  CHECK(CheckFellingPoint(Tag(BarcodeKind::kTree, 1), TestConcession(), {11.2, -0.2}, tiers).severity ==
        Severity::kPass);
  CHECK(CheckFellingPoint(Tag(BarcodeKind::kTree, 1), TestConcession(), {12, -0.5}, tiers).severity == Severity::kPass);
}

TEST_CASE("a felling point a GPS error away outside is flagged") {
  // 0.0002° east of the border: about 22 m.
  const auto outcome = CheckFellingPoint(Tag(BarcodeKind::kTree, 1), TestConcession(), {12.0002, -0.5},
                                         ShippedRules().felling_outside_metres);
  CHECK(outcome.rule == "felling.inside_concession");
  CHECK(outcome.severity == Severity::kWarning);
  CHECK(outcome.value == "22.24 m");
}

TEST_CASE("a felling point far outside or in the protected hole is refused") {
  const auto tiers = ShippedRules().felling_outside_metres;
  const auto outside = CheckFellingPoint(Tag(BarcodeKind::kTree, 1), TestConcession(), {12.01, -0.5}, tiers);
  CHECK(outside.severity == Severity::kError);
  CHECK(outside.limit == "50.00 m");
  const auto in_hole = CheckFellingPoint(Tag(BarcodeKind::kTree, 1), TestConcession(), {11.5, -0.5}, tiers);
  CHECK(in_hole.severity == Severity::kError);
  CHECK(in_hole.message.find("outside concession CFAD Ogooue 1") != std::string::npos);
}

TEST_CASE("felling within a concession's validity passes, outside it is refused") {
  CHECK(CheckConcessionValid(TestConcession(), At("2026-03-01T08:00:00Z")).severity == Severity::kPass);
  const auto expired = CheckConcessionValid(TestConcession(), At("2030-01-01T00:00:00Z"));
  CHECK(expired.rule == "felling.concession_valid");
  CHECK(expired.severity == Severity::kError);
  CHECK(expired.limit == "2025-01-01T00:00:00Z to 2030-01-01T00:00:00Z");
  CHECK(CheckConcessionValid(TestConcession(), At("2024-12-31T23:59:59Z")).rejected());
}

TEST_CASE("the annual allowable cut passes, warns as it runs out and refuses the overshoot") {
  const auto tiers = ShippedRules().allowable_cut_used_percent;  // 90 % / 100 %
  const auto concession = TestConcession();
  const auto early = CheckAllowableCut(concession, kOkoume, 2026, Volume{500'000}, Volume{12'723}, tiers);
  CHECK(early.rule == "felling.allowable_cut");
  CHECK(early.severity == Severity::kPass);
  CHECK(early.value == "51.27 %");
  const auto late = CheckAllowableCut(concession, kOkoume, 2026, Volume{950'000}, Volume{12'723}, tiers);
  CHECK(late.severity == Severity::kWarning);
  const auto full = CheckAllowableCut(concession, kOkoume, 2026, Volume{987'277}, Volume{12'723}, tiers);
  CHECK(full.severity == Severity::kWarning);  // exactly 100 %: the last tree fits
  const auto over = CheckAllowableCut(concession, kOkoume, 2026, Volume{987'278}, Volume{12'723}, tiers);
  CHECK(over.severity == Severity::kError);
  CHECK(over.message.find("1000.001 m³ of 1000.000 m³") != std::string::npos);
}

TEST_CASE("felling a species or year without an allowable cut is refused") {
  const auto tiers = ShippedRules().allowable_cut_used_percent;
  const auto other_year = CheckAllowableCut(TestConcession(), kOkoume, 2027, Volume{}, Volume{1'000}, tiers);
  CHECK(other_year.severity == Severity::kError);
  CHECK(other_year.limit == "no allowable cut");
  CHECK(CheckAllowableCut(TestConcession(), "Milicia excelsa", 2026, Volume{}, Volume{1'000}, tiers).rejected());
}
