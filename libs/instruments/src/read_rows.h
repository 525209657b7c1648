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

/// The usual shape of a CSV format: open the table, find the format's columns with
/// `find_columns(CsvTable&) -> core::Result<Columns>`, then read every row with
/// `read_row(CsvTable&, const CsvRecord&, const Columns&) -> core::Result<Reading>`.
template <typename FindColumns, typename ReadRow>
ParseResult ParseColumns(std::string_view bytes, const ParseOptions& options, FindColumns&& find_columns,
                         ReadRow&& read_row) {
  auto table = CsvTable::Open(bytes, options);
  if (!table.ok()) return table.error();
  auto columns = find_columns(*table);
  if (!columns.ok()) return columns.error();
  return ReadRows(*table, [&](const CsvRecord& row) { return read_row(*table, row, *columns); });
}

}  // namespace greenlane::instruments
