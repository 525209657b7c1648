#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "greenlane/core/error.h"

namespace greenlane::instruments {

/// Bounds on one record, so a hostile file cannot make the gateway allocate without limit.
struct CsvLimits {
  std::size_t max_record_bytes = 64 * 1024;
  std::size_t max_columns = 4096;
};

/// One record (a logical line; a quoted field may span lines). The views point into the input or
/// into the reader's own buffer and stay valid until the next call to CsvReader::Next.
struct CsvRecord {
  std::size_t line = 0;  ///< 1-based line where the record starts
  std::string_view raw;  ///< the record's bytes without its line terminator
  std::vector<std::string_view> fields;
};

/// RFC 4180 tokenizer with the tolerances analyzer exports need: a UTF-8 BOM, CRLF or LF, an Excel
/// `sep=,` first line, quoted fields with embedded commas, line breaks and doubled quotes. A quote
/// inside an unquoted field is kept as a character. It rejects, with line and column: an
/// unterminated quote, text after a closing quote, control bytes (NUL and other binary data),
/// invalid UTF-8, a bare CR, a record over the byte limit and more columns than the limit.
class CsvReader {
 public:
  /// `text` must outlive the reader; `file_name` is named in errors.
  CsvReader(std::string_view text, std::string file_name, CsvLimits limits = {});

  /// Reads the next record that is not an empty line; false at the end of the input.
  core::Result<bool> Next(CsvRecord& record);

  const std::string& file_name() const { return file_name_; }

 private:
  core::Result<bool> ReadRecord(CsvRecord& record);
  core::Error ErrorAt(std::size_t line, std::size_t column, std::string rule) const;

  std::string_view text_;
  std::string file_name_;
  CsvLimits limits_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  bool at_start_ = true;
  std::string unescaped_;  // capacity fixed at the record limit, so views into it stay valid
};

/// The single place error messages about a file are worded:
/// `<file>, line <L>, column <C> (<column name>): <rule>`, leaving out what is unknown (0 or empty).
/// `column_name` also becomes the error's field.
core::Error FileError(std::string_view file_name, std::size_t line, std::size_t column, std::string_view column_name,
                      std::string_view rule);

}  // namespace greenlane::instruments
