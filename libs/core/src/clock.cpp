#include "greenlane/core/clock.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <regex>

namespace greenlane::core {

const SystemClock& SystemClock::Instance() {
  static const SystemClock clock;
  return clock;
}

std::string FormatRfc3339(TimePoint time, int fraction_digits) {
  fraction_digits = std::clamp(fraction_digits, 0, 9);
  const auto nanos = std::chrono::floor<std::chrono::nanoseconds>(time.time_since_epoch()).count();
  const auto seconds =
      static_cast<std::time_t>(std::chrono::floor<std::chrono::seconds>(time.time_since_epoch()).count());
  const long long fraction = nanos - static_cast<long long>(seconds) * 1'000'000'000LL;  // 0..999999999
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                utc.tm_hour, utc.tm_min, utc.tm_sec);
  std::string text(buffer);
  if (fraction_digits > 0) {
    std::snprintf(buffer, sizeof buffer, ".%09lld", fraction);
    text.append(buffer, static_cast<std::size_t>(fraction_digits) + 1);
  }
  return text + "Z";
}

std::optional<TimePoint> ParseRfc3339(const std::string& text) {
  static const std::regex kPattern(
      R"(^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$)");
  std::smatch m;
  if (!std::regex_match(text, m, kPattern)) return std::nullopt;
  std::tm tm{};
  tm.tm_year = std::stoi(m[1]) - 1900;
  tm.tm_mon = std::stoi(m[2]) - 1;
  tm.tm_mday = std::stoi(m[3]);
  tm.tm_hour = std::stoi(m[4]);
  tm.tm_min = std::stoi(m[5]);
  tm.tm_sec = std::stoi(m[6]);
  // TimePoint counts nanoseconds in 64 bits: only years 1678 to 2261 fit.
  if (tm.tm_year + 1900 < 1678 || tm.tm_year + 1900 > 2261) return std::nullopt;
  if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60) {
    return std::nullopt;
  }
  const int day = tm.tm_mday;
  const std::time_t seconds = timegm(&tm);
  if (tm.tm_mday != day) return std::nullopt;  // timegm normalised an impossible date such as 02-30
  TimePoint point = std::chrono::system_clock::from_time_t(seconds);
  if (m[7].matched) {
    std::string digits = m[7].str();
    digits.resize(9, '0');
    point += std::chrono::duration_cast<TimePoint::duration>(std::chrono::nanoseconds(std::stoll(digits)));
  }
  if (m[9].matched) {
    const auto offset = std::chrono::hours(std::stoi(m[10])) + std::chrono::minutes(std::stoi(m[11]));
    point += (m[9].str() == "+") ? -offset : offset;
  }
  return point;
}

}  // namespace greenlane::core
