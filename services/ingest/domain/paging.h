#pragma once

#include <string>

#include "greenlane/core/clock.h"
#include "greenlane/core/error.h"

namespace greenlane::ingest {

inline constexpr int kDefaultPageSize = 100;
inline constexpr int kMaxPageSize = 1000;

/// The page size to use for a request: the default for 0, at most kMaxPageSize (DESIGN §7: every
/// list has a page size); kInvalidArgument for a negative one.
core::Result<int> PageSizeOf(int requested);

/// Where a newest-first page of readings stopped: the last reading returned. The next page starts
/// strictly after it in (captured_at DESC, id DESC) order, so rows stored meanwhile never shift it.
struct ReadingCursor {
  core::TimePoint captured_at{};  ///< microsecond precision, as PostgreSQL keeps it
  std::string id;
};

/// An opaque page token (base64url), so clients pass it back rather than build it.
std::string EncodeReadingCursor(const ReadingCursor& cursor);
/// kInvalidArgument naming page.page_token when the token was not made by EncodeReadingCursor.
core::Result<ReadingCursor> DecodeReadingCursor(const std::string& token);

/// Device pages are ordered by serial; the token carries the last serial returned.
std::string EncodeSerialCursor(const std::string& serial);
core::Result<std::string> DecodeSerialCursor(const std::string& token);

}  // namespace greenlane::ingest
