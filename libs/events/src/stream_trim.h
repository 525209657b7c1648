#pragma once

#include <cstddef>
#include <string>

#include "greenlane/redis/connection.h"

namespace greenlane::events::internal {

/// Deletes the entries of `stream` that every consumer group has acknowledged, and nothing a group
/// still needs (XTRIM MINID at the smallest of each group's oldest pending id, or the id after its
/// last-delivered-id when nothing is pending). Does nothing when the stream is missing or has no
/// group. Returns how many entries it deleted. Throws core::GreenlaneException (kUnavailable) when
/// Redis refuses a command.
std::size_t TrimAcknowledged(redis::Connection& redis, const std::string& stream);

}  // namespace greenlane::events::internal
