#include "greenlane/instruments/csv.h"

#include <algorithm>
#include <cstdio>

#include "text.h"

namespace greenlane::instruments {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsControl(unsigned char c) { return c < 0x20 && c != '\t'; }

std::string ControlByteRule(unsigned char c) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", c);
  return std::string("control byte ") + hex + " in the text: the file looks binary or damaged";
}

}  // namespace

core::Error FileError(std::string_view file_name, std::size_t line, std::size_t column, std::string_view column_name,
                      std::string_view rule) {
  std::string message(file_name);
  if (line != 0) message += ", line " + std::to_string(line);
  if (column != 0) message += ", column " + std::to_string(column);
  if (!column_name.empty()) message += " (" + text::Quoted(column_name) + ")";
  message += ": ";
  message += rule;
  return core::Error{core::ErrorKind::kInvalidArgument, std::move(message), std::string(column_name)};
}

CsvReader::CsvReader(std::string_view text, std::string file_name, CsvLimits limits)
    : text_(text), file_name_(std::move(file_name)), limits_(limits) {
  if (text_.starts_with(kBom)) pos_ = kBom.size();
  unescaped_.reserve(limits_.max_record_bytes + 1);
}

core::Error CsvReader::ErrorAt(std::size_t line, std::size_t column, std::string rule) const {
  return FileError(file_name_, line, column, {}, rule);
}

core::Result<bool> CsvReader::Next(CsvRecord& record) {
  while (true) {
    auto got = ReadRecord(record);
    if (!got.ok() || !*got) return got;
    if (at_start_) {
      at_start_ = false;
      // Excel writes "sep=," so that it opens the file with the right separator.
      if (record.raw.starts_with("sep=")) {
        if (record.raw == "sep=,") continue;
        return ErrorAt(record.line, 1,
                       "separator line " + text::Quoted(record.raw) + " names a separator other than a comma");
      }
    }
    if (!record.raw.empty()) return true;
  }
}

core::Result<bool> CsvReader::ReadRecord(CsvRecord& record) {
  if (pos_ >= text_.size()) return false;
  const std::size_t start = pos_;
  // Every scan stops here: reaching it before the end of the input means the record is too long.
  const std::size_t stop = std::min(text_.size(), start + limits_.max_record_bytes + 1);
  const auto too_long = [&](std::size_t column) {
    return ErrorAt(record.line, column,
                   "line longer than " + std::to_string(limits_.max_record_bytes) + " bytes, the limit per line");
  };
  record.line = line_;
  record.fields.clear();
  unescaped_.clear();
  std::size_t p = start;
  std::size_t raw_end = 0;
  while (true) {
    const std::size_t column = record.fields.size() + 1;
    if (column > limits_.max_columns) {
      return ErrorAt(record.line, column, "more than " + std::to_string(limits_.max_columns) + " columns");
    }
    std::string_view field;
    bool high_bytes = false;
    if (p < stop && text_[p] == '"') {
      const std::size_t open_line = line_;
      const std::size_t out_start = unescaped_.size();
      bool copied = false;
      std::size_t segment = ++p;
      while (true) {
        while (p < stop && text_[p] != '"') {
          const auto c = static_cast<unsigned char>(text_[p]);
          if (c == '\n') {
            ++line_;
          } else if (IsControl(c) && c != '\r') {
            return ErrorAt(line_, column, ControlByteRule(c));
          }
          high_bytes |= (c & 0x80) != 0;
          ++p;
        }
        if (p >= stop) {  // a doubled quote may step one past `stop`
          if (stop < text_.size()) return too_long(column);
          return ErrorAt(open_line, column, "quoted field opened here is never closed (missing closing \")");
        }
        if (p + 1 < text_.size() && text_[p + 1] == '"') {  // "" stands for one quote
          unescaped_.append(text_.substr(segment, p + 1 - segment));
          p += 2;
          segment = p;
          copied = true;
          continue;
        }
        break;
      }
      if (copied) {
        unescaped_.append(text_.substr(segment, p - segment));
        field = std::string_view(unescaped_).substr(out_start);
      } else {
        field = text_.substr(segment, p - segment);
      }
      ++p;  // the closing quote
      if (p < text_.size() && text_[p] != ',' && text_[p] != '\r' && text_[p] != '\n') {
        return ErrorAt(line_, column, "text after the closing quote of a quoted field");
      }
    } else {
      const std::size_t begin = p;
      while (p < stop) {
        const auto c = static_cast<unsigned char>(text_[p]);
        if (c == ',' || c == '\r' || c == '\n') break;
        if (IsControl(c)) return ErrorAt(line_, column, ControlByteRule(c));
        high_bytes |= (c & 0x80) != 0;
        ++p;
      }
      if (p == stop && stop < text_.size()) return too_long(column);
      field = text_.substr(begin, p - begin);
    }
    if (high_bytes && !text::IsValidUtf8(field)) return ErrorAt(line_, column, "text is not valid UTF-8");
    record.fields.push_back(field);
    if (p >= text_.size()) {
      raw_end = p;
      break;
    }
    if (text_[p] == ',') {
      ++p;
      continue;
    }
    raw_end = p;
    if (text_[p] == '\r') {
      if (p + 1 >= text_.size() || text_[p + 1] != '\n') {
        return ErrorAt(line_, column, "carriage return not followed by a line feed");
      }
      ++p;
    }
    ++p;
    ++line_;
    break;
  }
  if (raw_end - start > limits_.max_record_bytes) return too_long(record.fields.size());
  record.raw = text_.substr(start, raw_end - start);
  pos_ = p;
  return true;
}

}  // namespace greenlane::instruments
