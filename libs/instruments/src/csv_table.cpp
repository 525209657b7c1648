#include "csv_table.h"

#include <algorithm>

#include "date_time.h"

namespace greenlane::instruments {

core::Result<CsvTable> CsvTable::Open(std::string_view bytes, const ParseOptions& options, char comment_prefix) {
  if (bytes.size() > options.max_file_bytes) {
    core::Error error = FileError(options.file_name, 0, 0, {},
                                  "file is " + std::to_string(bytes.size()) + " bytes, over the limit of " +
                                      std::to_string(options.max_file_bytes) + " bytes");
    error.kind = core::ErrorKind::kPayloadTooLarge;
    return error;
  }
  CsvTable table(CsvReader(bytes, options.file_name), options.file_name, options.utc_offset);
  table.line_count_ = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  CsvRecord header;
  while (true) {
    auto got = table.reader_.Next(header);
    if (!got.ok()) return got.error();
    if (!*got) return FileError(options.file_name, 0, 0, {}, "file has no header line");
    if (comment_prefix == '\0' || !header.raw.starts_with(comment_prefix)) break;
    table.comments_.push_back({header.line, header.raw});
  }
  table.header_line_ = header.line;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string key = text::HeaderKey(header.fields[i]);
    if (!key.empty()) {
      const auto same = std::find(table.keys_.begin(), table.keys_.end(), key);
      if (same != table.keys_.end()) {
        return FileError(options.file_name, header.line, i + 1, text::Trim(header.fields[i]),
                         "column name repeats column " + std::to_string(same - table.keys_.begin() + 1));
      }
      table.field_count_ = i + 1;
    }
    table.names_.emplace_back(text::Trim(header.fields[i]));
    table.keys_.push_back(std::move(key));
  }
  return table;
}

std::optional<std::size_t> CsvTable::Find(std::string_view name) const {
  const auto found = std::find(keys_.begin(), keys_.end(), text::HeaderKey(name));
  if (found == keys_.end()) return std::nullopt;
  return static_cast<std::size_t>(found - keys_.begin());
}

core::Result<std::size_t> CsvTable::Require(std::string_view name) const {
  if (auto column = Find(name)) return *column;
  return HeaderError("missing required column " + text::Quoted(name));
}

core::Status CsvTable::RequireAll(std::initializer_list<std::pair<std::size_t*, std::string_view>> columns) const {
  for (const auto& [index, name] : columns) {
    auto column = Require(name);
    if (!column.ok()) return column.error();
    *index = *column;
  }
  return core::Status::Ok();
}

core::Result<bool> CsvTable::Next(CsvRecord& row) {
  while (true) {
    auto got = reader_.Next(row);
    if (!got.ok() || !*got) return got;
    const std::size_t count = row.fields.size();
    if (count < field_count_) {
      return FileError(file_name_, row.line, count + 1, {},
                       "expected " + std::to_string(field_count_) + " fields as in the header, found " +
                           std::to_string(count) + " (line cut short?)");
    }
    bool all_empty = true;
    for (std::size_t i = 0; i < count; ++i) {
      if (text::Trim(row.fields[i]).empty()) continue;
      if (i >= field_count_) {
        return FileError(file_name_, row.line, i + 1, {},
                         "value " + text::Quoted(row.fields[i]) + " beyond the " + std::to_string(field_count_) +
                             " columns of the header");
      }
      all_empty = false;
    }
    if (!all_empty) return true;
  }
}

core::Error CsvTable::ErrorAt(const CsvRecord& row, std::size_t column, std::string_view rule) const {
  return FileError(file_name_, row.line, column + 1, names_[column], rule);
}

core::Error CsvTable::HeaderError(std::string_view rule) const {
  return FileError(file_name_, header_line_, 0, {}, rule);
}

core::Result<std::string_view> CsvTable::RequiredText(const CsvRecord& row, std::size_t column) const {
  const std::string_view value = Text(row, column);
  if (value.empty()) return ErrorAt(row, column, "value is required");
  return value;
}

core::Result<std::optional<Decimal>> CsvTable::OptionalDecimal(const CsvRecord& row, std::size_t column) const {
  const std::string_view value = Text(row, column);
  if (value.empty()) return std::optional<Decimal>();
  if (auto number = Decimal::Parse(value)) return std::optional<Decimal>(*number);
  return ErrorAt(row, column, "bad number " + text::Quoted(value) + ": expected a decimal such as 12.5");
}

core::Result<Decimal> CsvTable::RequiredDecimal(const CsvRecord& row, std::size_t column) const {
  auto number = OptionalDecimal(row, column);
  if (!number.ok()) return number.error();
  if (!number->has_value()) return ErrorAt(row, column, "value is required");
  return **number;
}

core::Result<core::TimePoint> CsvTable::LocalTime(const CsvRecord& row, std::size_t date_column,
                                                  std::size_t time_column) const {
  const auto date = date_time::ParseDate(Text(row, date_column));
  if (!date) {
    return ErrorAt(row, date_column,
                   "bad date " + text::Quoted(Text(row, date_column)) + ": expected MM/DD/YYYY or YYYY-MM-DD");
  }
  const auto time = date_time::ParseTimeOfDay(Text(row, time_column));
  if (!time) {
    return ErrorAt(row, time_column, "bad time " + text::Quoted(Text(row, time_column)) + ": expected HH:MM:SS");
  }
  return core::TimePoint(*date) + *time - utc_offset_;
}

core::Result<core::TimePoint> CsvTable::Rfc3339(const CsvRecord& row, std::size_t column) const {
  const std::string_view value = Text(row, column);
  if (auto time = core::ParseRfc3339(std::string(value))) return *time;
  return ErrorAt(row, column,
                 "bad time " + text::Quoted(value) + ": expected RFC 3339 with a zone, e.g. 2026-11-03T11:40:09-05:00");
}

}  // namespace greenlane::instruments
