#pragma once

#include <string_view>

namespace greenlane::events::internal {

/// sql/outbox_inbox.sql, compiled in so tests and tools need no file at run time.
std::string_view OutboxInboxTemplate();

}  // namespace greenlane::events::internal
