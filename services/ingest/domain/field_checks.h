#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "greenlane/core/clock.h"

namespace greenlane::ingest {

/// What is wrong with a text field, or "" when nothing is: too long, missing when `required`, or
/// holding a NUL byte (PostgreSQL text cannot store one, and it would fail the whole batch).
std::string TextProblem(std::string_view value, std::size_t max_bytes, bool required);

/// What is wrong with a capture or verification time, or "": before 2000-01-01 (an unset device
/// clock or a missing timestamp) or after 2100-01-01 (a corrupt one).
std::string TimeProblem(core::TimePoint time);

/// True for a reading kind libs/instruments produces (instruments::KindName).
bool IsKnownKind(std::string_view kind);
/// "xrf, refrigerant, wood_image, qpcr, dart", for messages.
std::string KnownKinds();

}  // namespace greenlane::ingest
