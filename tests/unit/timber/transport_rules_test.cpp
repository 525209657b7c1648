#include <catch2/catch.hpp>

#include "domain/rules/transport.h"
#include "test_support.h"

using namespace greenlane::timber;
using namespace std::chrono_literals;
using greenlane::core::ManualClock;
using greenlane::timber::testing::At;
using greenlane::timber::testing::ShippedRules;
using greenlane::timber::testing::Tag;

namespace {

const Barcode kWaybill = Tag(BarcodeKind::kWaybill, 1);

// Points along the equator: 0.01° of longitude is 1.112 km.
TrackPoint Point(const std::string& time, double longitude) { return {At(time), {longitude, 0}}; }

// A forest site in Gabon (UTC+1); shipped night window 18:30-06:00 local time.
const Site kForest{.id = "forest-1", .name = "Ogooue camp", .kind = SiteKind::kForest, .utc_offset_minutes = 60};

}  // namespace

TEST_CASE("a truck at forest-road speeds passes") {
  // 0.5° (55.6 km) in one hour.
  const auto outcome = CheckTrackSpeed(
      kWaybill, {Point("2026-03-02T08:00:00Z", 10), Point("2026-03-02T09:00:00Z", 10.5)}, ShippedRules().speed_kmh);
  CHECK(outcome.rule == "transport.speed");
  CHECK(outcome.severity == Severity::kPass);
  CHECK(outcome.value == "55.60 km/h");
}

TEST_CASE("the fastest leg of a track decides: too fast is flagged, impossible is refused") {
  const auto tiers = ShippedRules().speed_kmh;  // 70 / 100 km/h
  const auto fast = CheckTrackSpeed(
      kWaybill,
      {Point("2026-03-02T08:00:00Z", 10), Point("2026-03-02T09:00:00Z", 10.5), Point("2026-03-02T09:30:00Z", 10.9)},
      tiers);
  CHECK(fast.severity == Severity::kWarning);
  CHECK(fast.value == "88.96 km/h");
  CHECK(fast.message.find("between GPS points 2 and 3") != std::string::npos);
  const auto teleport =
      CheckTrackSpeed(kWaybill, {Point("2026-03-02T08:00:00Z", 10), Point("2026-03-02T08:30:00Z", 11)}, tiers);
  CHECK(teleport.severity == Severity::kError);
  CHECK(teleport.limit == "100.00 km/h");
}

TEST_CASE("a track whose times do not increase is refused, a short track passes") {
  const auto backwards = CheckTrackSpeed(
      kWaybill, {Point("2026-03-02T09:00:00Z", 10), Point("2026-03-02T09:00:00Z", 10.1)}, ShippedRules().speed_kmh);
  CHECK(backwards.severity == Severity::kError);
  CHECK(backwards.message.find("GPS point 2") != std::string::npos);
  CHECK(CheckTrackSpeed(kWaybill, {Point("2026-03-02T09:00:00Z", 10)}, ShippedRules().speed_kmh).severity ==
        Severity::kPass);
}

TEST_CASE("a waybill issued from a forest in daylight passes") {
  const auto night = ShippedRules().night_window;
  // 05:30 UTC is 06:30 in Gabon: after the window ends.
  const auto outcome = CheckNightIssue(kWaybill, kForest, At("2026-03-02T05:30:00Z"), night);
  CHECK(outcome.rule == "transport.night_issue");
  CHECK(outcome.severity == Severity::kPass);
  CHECK(outcome.value == "06:30 local time");
  CHECK(CheckNightIssue(kWaybill, kForest, At("2026-03-02T05:00:00Z"), night).severity == Severity::kPass);
}

TEST_CASE("a waybill issued from a forest at night, in local time, is refused") {
  const auto night = ShippedRules().night_window;
  // 17:45 UTC is 18:45 in Gabon, inside the window, though before 18:30 UTC.
  const auto evening = CheckNightIssue(kWaybill, kForest, At("2026-03-02T17:45:00Z"), night);
  CHECK(evening.severity == Severity::kError);
  CHECK(evening.value == "18:45 local time");
  CHECK(evening.limit == "outside 18:30-06:00 local time");
  // 23:30 UTC on the 1st is 00:30 on the 2nd in Gabon: past midnight, still night.
  CHECK(CheckNightIssue(kWaybill, kForest, At("2026-03-01T23:30:00Z"), night).rejected());
  CHECK(CheckNightIssue(kWaybill, kForest, At("2026-03-02T17:30:00Z"), night).rejected());  // 18:30 sharp
  CHECK(CheckNightIssue(kWaybill, kForest, At("2026-03-02T04:59:00Z"), night).rejected());  // 05:59
}

TEST_CASE("a staffed site issues waybills at any hour") {
  const Site sawmill{.id = "sawmill-1", .name = "Owendo mill", .kind = SiteKind::kSawmill, .utc_offset_minutes = 60};
  CHECK(CheckNightIssue(kWaybill, sawmill, At("2026-03-02T23:00:00Z"), ShippedRules().night_window).severity ==
        Severity::kPass);
}

TEST_CASE("a waybill needs its photos") {
  CHECK(CheckPhotos(kWaybill, 3, 3).severity == Severity::kPass);
  const auto missing = CheckPhotos(kWaybill, 2, 3);
  CHECK(missing.rule == "transport.photos");
  CHECK(missing.severity == Severity::kError);
  CHECK(missing.value == "2 photos");
  CHECK(missing.limit == "at least 3");
}

TEST_CASE("a record uploaded soon after capture passes, a late one is flagged, a very late one refused") {
  const auto rules = ShippedRules();  // 24 h / 720 h, 10 min ahead tolerated
  ManualClock clock(At("2026-03-02T12:00:00Z"));
  const auto soon = CheckUploadDelay(kWaybill.text(), At("2026-03-02T09:00:00Z"), clock, rules.upload_delay_hours,
                                     rules.future_capture_tolerance);
  CHECK(soon.rule == "capture.upload_delay");
  CHECK(soon.severity == Severity::kPass);
  CHECK(soon.value == "3.00 h");
  clock.Advance(48h);
  const auto late = CheckUploadDelay(kWaybill.text(), At("2026-03-02T09:00:00Z"), clock, rules.upload_delay_hours,
                                     rules.future_capture_tolerance);
  CHECK(late.severity == Severity::kWarning);
  CHECK(late.value == "51.00 h");
  clock.Advance(30 * 24h);
  CHECK(CheckUploadDelay(kWaybill.text(), At("2026-03-02T09:00:00Z"), clock, rules.upload_delay_hours,
                         rules.future_capture_tolerance)
            .rejected());
}

TEST_CASE("a capture time ahead of the server's clock is tolerated a little, then refused") {
  const auto rules = ShippedRules();
  ManualClock clock(At("2026-03-02T12:00:00Z"));
  CHECK(
      CheckUploadDelay("r", At("2026-03-02T12:05:00Z"), clock, rules.upload_delay_hours, rules.future_capture_tolerance)
          .severity == Severity::kPass);
  const auto ahead = CheckUploadDelay("r", At("2026-03-02T13:00:00Z"), clock, rules.upload_delay_hours,
                                      rules.future_capture_tolerance);
  CHECK(ahead.severity == Severity::kError);
  CHECK(ahead.message.find("in the future") != std::string::npos);
}
