#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "domain/spectral/spectrum.h"
#include "greenlane/core/error.h"

namespace greenlane::identify::spectral {

/// A spectrum in a library file may hold at most this many peaks; more is a hostile or broken file.
inline constexpr std::size_t kMaxPeaksPerSpectrum = 100000;

/// Parses an MSP (NIST) library text: records of "Key: value" lines, "Num Peaks: N", then N
/// peaks ("m/z intensity", pairs separated by spaces, tabs, ',' or ';', quoted annotations
/// ignored), records separated by blank lines. Keys are case-insensitive: Name (required),
/// Species or Organism (required), PrecursorMZ, Ion_mode / IonMode / Polarity, Source; others are
/// ignored. `source` labels spectra without a Source key. Any malformed record rejects the file
/// with an error whose field is "line N" and whose message says what is wrong.
core::Result<std::vector<ReferenceSpectrum>> ParseMsp(std::string_view text, std::string_view source);

/// Parses an MGF (Mascot generic format) text: blocks from "BEGIN IONS" to "END IONS" holding
/// KEY=VALUE lines — TITLE, SPECIES or ORGANISM (required), PEPMASS, IONMODE / POLARITY, CHARGE
/// (its sign gives the polarity when IONMODE is absent), SOURCE — and "m/z intensity" peak lines.
/// Lines starting with '#', ';', '!' or '/' are comments; KEY=VALUE lines outside blocks are
/// global parameters and ignored. Errors as ParseMsp.
core::Result<std::vector<ReferenceSpectrum>> ParseMgf(std::string_view text, std::string_view source);

}  // namespace greenlane::identify::spectral
