#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"
#include "greenlane/instruments/csv.h"
#include "greenlane/instruments/decimal.h"
#include "greenlane/instruments/parse_options.h"
#include "text.h"

namespace greenlane::instruments {

/// A CSV file with a header row: columns found by name, rows checked against the header, and typed
/// field access whose errors name the line, the column and its header. Every parser reads through
/// it so that tolerances and messages are the same for every format.
class CsvTable {
 public:
  /// A comment line before the header (DART metadata), as a view into the input.
  struct Comment {
    std::size_t line;
    std::string_view text;
  };

  /// Checks the size limit, collects leading lines starting with `comment_prefix` (when not '\0')
  /// and reads the header.
  static core::Result<CsvTable> Open(std::string_view bytes, const ParseOptions& options, char comment_prefix = '\0');

  const std::vector<Comment>& comments() const { return comments_; }
  std::size_t header_line() const { return header_line_; }
  /// Header names without surrounding spaces, in file order.
  const std::vector<std::string>& names() const { return names_; }

  /// Line breaks in the whole input: an upper bound on the rows, to size the readings once.
  std::size_t LineCount() const { return line_count_; }

  /// Index of the column called `name`, ignoring case and whitespace.
  std::optional<std::size_t> Find(std::string_view name) const;
  core::Result<std::size_t> Require(std::string_view name) const;
  /// Require for each (where to store the index, column name); the first missing column fails.
  core::Status RequireAll(std::initializer_list<std::pair<std::size_t*, std::string_view>> columns) const;

  /// The next data row, false at the end. A row must have the header's field count; extra fields
  /// are allowed only when empty (trailing commas). Rows of only empty fields are skipped, as
  /// spreadsheets append them.
  core::Result<bool> Next(CsvRecord& row);

  /// The field without surrounding spaces.
  static std::string_view Text(const CsvRecord& row, std::size_t column) { return text::Trim(row.fields[column]); }
  core::Result<std::string_view> RequiredText(const CsvRecord& row, std::size_t column) const;
  core::Result<std::optional<Decimal>> OptionalDecimal(const CsvRecord& row, std::size_t column) const;
  core::Result<Decimal> RequiredDecimal(const CsvRecord& row, std::size_t column) const;
  /// Wall-clock date and time columns in the configured UTC offset.
  core::Result<core::TimePoint> LocalTime(const CsvRecord& row, std::size_t date_column, std::size_t time_column) const;
  /// An RFC 3339 time with its own offset.
  core::Result<core::TimePoint> Rfc3339(const CsvRecord& row, std::size_t column) const;

  /// An error about one field of `row`, named by line, column number and header.
  core::Error ErrorAt(const CsvRecord& row, std::size_t column, std::string_view rule) const;
  /// An error about the file as a whole, at the header line.
  core::Error HeaderError(std::string_view rule) const;

 private:
  CsvTable(CsvReader reader, std::string file_name, std::chrono::minutes utc_offset)
      : reader_(std::move(reader)), file_name_(std::move(file_name)), utc_offset_(utc_offset) {}
  CsvReader reader_;
  std::string file_name_;
  std::chrono::minutes utc_offset_;
  std::vector<Comment> comments_;
  std::size_t header_line_ = 0;
  std::vector<std::string> names_;
  std::vector<std::string> keys_;
  std::size_t field_count_ = 0;
  std::size_t line_count_ = 0;  // header fields without trailing empty names
};

}  // namespace greenlane::instruments
