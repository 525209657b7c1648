#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace greenlane::cites {

/// A calendar day. Permits, listings and quotas are dated by day (boxes 2 and 13), not by instant.
using Date = std::chrono::sys_days;

/// Parses "YYYY-MM-DD"; nullopt for anything else, including impossible days such as 2025-02-30.
std::optional<Date> ParseDate(std::string_view text);

/// "YYYY-MM-DD".
std::string FormatDate(Date date);

/// The same day `months` later, or the month's last day when it has no such day (Aug 31 + 6 months
/// is Feb 28/29): the end of a validity period "N months from issue".
Date AddMonths(Date date, int months);

/// The calendar year of `date` (quota years and annual report years).
int YearOf(Date date);

}  // namespace greenlane::cites
