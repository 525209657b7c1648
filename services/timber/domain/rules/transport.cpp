#include "domain/rules/transport.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

namespace greenlane::timber {
namespace {

constexpr std::int64_t kMinutesPerDay = 24 * 60;

std::string ClockTime(int minute_of_day) {
  const int hours = minute_of_day / 60;
  const int minutes = minute_of_day % 60;
  return {static_cast<char>('0' + hours / 10), static_cast<char>('0' + hours % 10), ':',
          static_cast<char>('0' + minutes / 10), static_cast<char>('0' + minutes % 10)};
}

bool InWindow(int minute, const NightWindow& night) {
  if (night.start_minute < night.end_minute) return minute >= night.start_minute && minute < night.end_minute;
  return minute >= night.start_minute || minute < night.end_minute;  // wraps midnight
}

}  // namespace

RuleOutcome CheckTrackSpeed(const Barcode& waybill, const std::vector<TrackPoint>& track, const Tiers& speed_kmh) {
  constexpr std::string_view kRule = "transport.speed";
  double fastest_kmh = 0;
  std::size_t fastest_leg = 0;
  for (std::size_t i = 1; i < track.size(); ++i) {
    const auto seconds = std::chrono::duration<double>(track[i].at - track[i - 1].at).count();
    if (seconds <= 0) {
      return Reject(
          kRule, waybill.text(), core::FormatRfc3339(track[i].at), "after " + core::FormatRfc3339(track[i - 1].at),
          "GPS point " + std::to_string(i + 1) + " of waybill " + waybill.text() + " is not later than point " +
              std::to_string(i) + "; send the track in the order it was recorded");
    }
    const double kmh = HaversineMetres(track[i - 1].position, track[i].position) / 1000.0 / (seconds / 3600.0);
    if (kmh > fastest_kmh) {
      fastest_kmh = kmh;
      fastest_leg = i;
    }
  }
  const auto what = fastest_leg == 0 ? std::string("the fastest speed between GPS points")
                                     : "the speed between GPS points " + std::to_string(fastest_leg) + " and " +
                                           std::to_string(fastest_leg + 1);
  return JudgeTiers({.rule = kRule,
                     .subject = waybill.text(),
                     .value = {std::llround(fastest_kmh * 100), 100},
                     .unit = " km/h",
                     .what = what,
                     .action = "stop and inspect the truck; the track or the device's clock was tampered with"},
                    speed_kmh);
}

RuleOutcome CheckNightIssue(const Barcode& waybill, const Site& origin, core::TimePoint issued_at,
                            const NightWindow& night) {
  constexpr std::string_view kRule = "transport.night_issue";
  const auto window = ClockTime(night.start_minute) + "-" + ClockTime(night.end_minute) + " local time";
  const auto local_minutes =
      std::chrono::floor<std::chrono::minutes>(issued_at.time_since_epoch()).count() + origin.utc_offset_minutes;
  const int minute_of_day = static_cast<int>(((local_minutes % kMinutesPerDay) + kMinutesPerDay) % kMinutesPerDay);
  const auto local = ClockTime(minute_of_day);
  if (origin.kind == SiteKind::kForest && InWindow(minute_of_day, night)) {
    return Reject(kRule, waybill.text(), local + " local time", "outside " + window,
                  "waybill " + waybill.text() + " was issued at " + local + " at forest site " + origin.name +
                      ", inside the night window " + window + "; issue it in daylight, when the load can be checked");
  }
  return Pass(kRule, waybill.text(), local + " local time", "outside " + window);
}

RuleOutcome CheckPhotos(const Barcode& waybill, std::size_t photo_count, int minimum_photos) {
  constexpr std::string_view kRule = "transport.photos";
  const auto value = std::to_string(photo_count) + " photos";
  const auto limit = "at least " + std::to_string(minimum_photos);
  if (photo_count < static_cast<std::size_t>(minimum_photos)) {
    return Reject(kRule, waybill.text(), value, limit,
                  "waybill " + waybill.text() + " has " + value + "; attach at least " +
                      std::to_string(minimum_photos) + " (the load, the number plate and the log tags)");
  }
  return Pass(kRule, waybill.text(), value, limit);
}

RuleOutcome CheckUploadDelay(const std::string& subject, core::TimePoint captured_at, const core::Clock& clock,
                             const Tiers& delay_hours, std::chrono::minutes future_tolerance) {
  constexpr std::string_view kRule = "capture.upload_delay";
  const auto now = clock.Now();
  if (captured_at > now + future_tolerance) {
    return Reject(kRule, subject, core::FormatRfc3339(captured_at),
                  "before " + core::FormatRfc3339(now + future_tolerance),
                  "record " + subject + " claims to be captured at " + core::FormatRfc3339(captured_at) +
                      ", in the future; set the device's clock right and capture it again");
  }
  const auto delay_seconds =
      std::max<std::int64_t>(0, std::chrono::duration_cast<std::chrono::seconds>(now - captured_at).count());
  return JudgeTiers({.rule = kRule,
                     .subject = subject,
                     .value = {delay_seconds, 3600},
                     .unit = " h",
                     .what = "the delay between capture and upload",
                     .action = "check where the wood was meanwhile; field devices must sync when they reach a network"},
                    delay_hours);
}

}  // namespace greenlane::timber
