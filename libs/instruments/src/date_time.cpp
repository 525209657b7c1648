#include "date_time.h"

namespace greenlane::instruments::date_time {
namespace {

// The number in text[from, from + digits), or -1 when those are not all digits.
int Digits(std::string_view text, std::size_t from, std::size_t digits) {
  if (from + digits > text.size()) return -1;
  int value = 0;
  for (std::size_t i = from; i < from + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<std::chrono::sys_days> ParseDate(std::string_view text) {
  int year = -1;
  int month = -1;
  int day = -1;
  if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    month = Digits(text, 0, 2), day = Digits(text, 3, 2), year = Digits(text, 6, 4);
  } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
  }
  if (year < 0 || month < 0 || day < 0) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days(date);
}

std::optional<std::chrono::seconds> ParseTimeOfDay(std::string_view text) {
  if ((text.size() != 8 && text.size() != 5) || text[2] != ':') return std::nullopt;
  const int hours = Digits(text, 0, 2);
  const int minutes = Digits(text, 3, 2);
  int seconds = 0;
  if (text.size() == 8) seconds = text[5] == ':' ? Digits(text, 6, 2) : -1;
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) return std::nullopt;
  return std::chrono::seconds(hours * 3600 + minutes * 60 + seconds);
}

}  // namespace greenlane::instruments::date_time
