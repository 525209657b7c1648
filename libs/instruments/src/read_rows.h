#pragma once

#include <algorithm>
#include <utility>
#include <vector>

#include "csv_table.h"
#include "greenlane/instruments/formats.h"

namespace greenlane::instruments {

/// Turns every data row of `table` into a reading with `read_row(const CsvRecord&) ->
/// core::Result<Reading>`, stopping at the first error so a file is never half-parsed.
template <typename ReadRow>
ParseResult ReadRows(CsvTable& table, ReadRow&& read_row) {
  std::vector<Reading> readings;
  // Sized once for ordinary exports; capped so a file of empty lines cannot reserve gigabytes.
  constexpr std::size_t kMaxReserved = 1 << 16;
  readings.reserve(std::min(table.LineCount(), kMaxReserved));
  CsvRecord row;
  while (true) {
    auto got = table.Next(row);
    if (!got.ok()) return got.error();
    if (!*got) break;
    core::Result<Reading> reading = read_row(row);
    if (!reading.ok()) return reading.error();
    readings.push_back(std::move(*reading));
  }
  if (readings.empty()) return table.HeaderError("no readings after the header");
  return readings;
}

}  // namespace greenlane::instruments
