#pragma once

#include <cstddef>

namespace greenlane::ingest {

/// Size limits of reading fields (DESIGN §7: every input has a size limit). Generous for what the
/// analyzers write, small enough that one batch cannot exhaust memory or the database.
inline constexpr std::size_t kMaxIdentifierBytes = 64;    ///< serials, reading numbers, operator, gateway
inline constexpr std::size_t kMaxReferenceBytes = 64;     ///< declaration, container, item
inline constexpr std::size_t kMaxLabelBytes = 512;        ///< sample label, source file, model, office
inline constexpr std::size_t kMaxRawBytes = 64 * 1024;    ///< the source line or block
inline constexpr std::size_t kMaxPayloadBytes = 1 << 20;  ///< payload_json
inline constexpr int kMaxPayloadDepth = 64;               ///< nesting of payload_json

}  // namespace greenlane::ingest
