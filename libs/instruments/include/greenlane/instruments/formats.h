#pragma once

#include <string_view>
#include <vector>

#include "greenlane/core/error.h"
#include "greenlane/instruments/parse_options.h"
#include "greenlane/instruments/reading.h"

namespace greenlane::instruments {

/// The analyzer export formats Greenlane reads (see FORMATS.md of the samples).
enum class Format : std::uint8_t { kVantaXrf, kRefrigerant, kXyloTron, kQpcr, kDart };

/// "vanta-xrf", "refrigerant", "xylotron", "qpcr", "dart".
std::string_view FormatName(Format format);

/// Every parser either returns all the readings of a file, in file order, or one error naming the
/// file, line, column and rule (ErrorKind::kInvalidArgument; kPayloadTooLarge over the size limit).
/// A file is never half-parsed. A file with a header but no readings is an error too: it is
/// usually an export cut short.
using ParseResult = core::Result<std::vector<Reading>>;

ParseResult ParseVantaCsv(std::string_view bytes, const ParseOptions& options);
ParseResult ParseRefrigerantCsv(std::string_view bytes, const ParseOptions& options);
ParseResult ParseXyloTronCsv(std::string_view bytes, const ParseOptions& options);
ParseResult ParseQpcrCsv(std::string_view bytes, const ParseOptions& options);
/// A DART peak list is one reading: its metadata comments and every peak.
ParseResult ParseDartPeaks(std::string_view bytes, const ParseOptions& options);

/// Names the format from the file's header (the first record, or DART's comment block), so the
/// edge gateway can route a file whatever folder it was dropped in. Reads at most the first line.
core::Result<Format> DetectFormat(std::string_view bytes, const ParseOptions& options);

ParseResult Parse(Format format, std::string_view bytes, const ParseOptions& options);

/// DetectFormat then Parse.
ParseResult ParseAnyFormat(std::string_view bytes, const ParseOptions& options);

}  // namespace greenlane::instruments
