#pragma once

// Shared body of the instruments_<format>_fuzz targets: analyzer exports arrive on USB sticks and
// network shares, so no input may crash, hang or read out of bounds, and every outcome must keep
// the parser's promises (all readings with their source, or one error naming the file).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "greenlane/instruments/formats.h"

namespace greenlane::instruments::fuzz {

inline int ParseOne(ParseResult (*parse)(std::string_view, const ParseOptions&), const std::uint8_t* data,
                    std::size_t size) {
  static const ParseOptions options = [] {
    ParseOptions o;
    o.file_name = "fuzz.csv";
    o.max_file_bytes = 1 << 20;
    o.file_time = core::ParseRfc3339("2026-11-05T10:00:00Z");
    return o;
  }();
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const ParseResult parsed = parse(bytes, options);
  if (parsed.ok()) {
    if (parsed->empty()) std::abort();
    for (const Reading& reading : *parsed) {
      if (reading.line == 0 || reading.raw.empty()) std::abort();
    }
  } else if (!parsed.error().message.starts_with(options.file_name)) {
    std::abort();
  }
  (void)DetectFormat(bytes, options);
  return 0;
}

}  // namespace greenlane::instruments::fuzz
