#pragma once

#include <chrono>
#include <optional>
#include <string_view>

// Wall-clock dates and times as analyzers write them, without a zone.
namespace greenlane::instruments::date_time {

/// "MM/DD/YYYY" (Vanta's US-style export) or "YYYY-MM-DD"; nullopt for anything else or a day that
/// does not exist.
std::optional<std::chrono::sys_days> ParseDate(std::string_view text);

/// "HH:MM:SS" or "HH:MM", 24-hour clock.
std::optional<std::chrono::seconds> ParseTimeOfDay(std::string_view text);

}  // namespace greenlane::instruments::date_time
