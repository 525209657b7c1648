#include "greenlane/instruments/parse_options.h"

#include <string>

namespace greenlane::instruments {

core::Result<std::chrono::minutes> ParseUtcOffset(std::string_view text) {
  if (text == "Z" || text == "z") return std::chrono::minutes(0);
  std::string digits;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] == ':' && i == 3) continue;
    digits.push_back(text[i]);
  }
  const bool shaped = (text.size() == 6 || text.size() == 5) && (text[0] == '+' || text[0] == '-') &&
                      digits.size() == 4 && digits.find_first_not_of("0123456789") == std::string::npos;
  const int hours = shaped ? std::stoi(digits.substr(0, 2)) : 0;
  const int minutes = shaped ? std::stoi(digits.substr(2)) : 0;
  if (!shaped || hours > 14 || minutes > 59) {
    return core::Error::InvalidArgument("utc_offset", "UTC offset \"" + std::string(text) +
                                                          "\" is not of the form +hh:mm or -hh:mm (or Z), up to 14:00");
  }
  const std::chrono::minutes offset(hours * 60 + minutes);
  return text[0] == '-' ? -offset : offset;
}

}  // namespace greenlane::instruments
