#include "stream_trim.h"

#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

#include "greenlane/core/error.h"

namespace greenlane::events::internal {
namespace {

// A stream entry id "<milliseconds>-<sequence>", ordered as Redis orders them.
using StreamId = std::pair<std::uint64_t, std::uint64_t>;

StreamId ParseId(std::string_view text, const std::string& stream) {
  StreamId id;
  const auto dash = text.find('-');
  if (dash != std::string_view::npos) {
    const char* end = text.data() + text.size();
    const auto ms = std::from_chars(text.data(), text.data() + dash, id.first);
    const auto seq = std::from_chars(text.data() + dash + 1, end, id.second);
    if (ms.ec == std::errc() && ms.ptr == text.data() + dash && seq.ec == std::errc() && seq.ptr == end) return id;
  }
  throw core::GreenlaneException(
      core::Error::Internal("Redis answered a malformed entry id \"" + std::string(text) + "\" for " + stream));
}

StreamId Next(StreamId id) {
  if (id.second == std::numeric_limits<std::uint64_t>::max()) return {id.first + 1, 0};
  return {id.first, id.second + 1};
}

redis::Reply Checked(redis::Reply reply, const std::string& command, const std::string& stream) {
  if (reply.IsError()) {
    throw core::GreenlaneException(core::Error{
        core::ErrorKind::kUnavailable, command + " on " + stream + " was refused: " + reply.AsString(), {}});
  }
  return reply;
}

// The oldest entry `group` still needs: its oldest pending one, else the first it has not read.
StreamId OldestNeeded(redis::Connection& redis, const std::string& stream, const redis::Reply& info) {
  std::string name;
  std::int64_t pending = 0;
  std::string last_delivered;
  for (std::size_t i = 0; i + 1 < info.size(); i += 2) {
    const auto field = info[i].AsView();
    if (field == "name") name = info[i + 1].AsString();
    if (field == "pending") pending = info[i + 1].AsInteger();
    if (field == "last-delivered-id") last_delivered = info[i + 1].AsString();
  }
  if (pending > 0) {
    // Summary form: [count, smallest pending id, greatest pending id, [[consumer, count], ...]].
    const auto summary = Checked(redis.Command({"XPENDING", stream, name}), "XPENDING", stream);
    if (summary[1].IsString()) return ParseId(summary[1].AsView(), stream);
  }
  return Next(ParseId(last_delivered, stream));
}

}  // namespace

std::size_t TrimAcknowledged(redis::Connection& redis, const std::string& stream) {
  const auto groups = redis.Command({"XINFO", "GROUPS", stream});
  if (groups.IsError() && groups.AsView().find("no such key") != std::string_view::npos) return 0;
  Checked(groups, "XINFO GROUPS", stream);
  std::optional<StreamId> keep_from;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const StreamId needed = OldestNeeded(redis, stream, groups[g]);
    if (!keep_from || needed < *keep_from) keep_from = needed;
  }
  if (!keep_from) return 0;  // nobody has read it yet: every entry is still wanted
  const std::string min_id = std::to_string(keep_from->first) + "-" + std::to_string(keep_from->second);
  const auto removed = Checked(redis.Command({"XTRIM", stream, "MINID", min_id}), "XTRIM", stream);
  return static_cast<std::size_t>(removed.AsInteger());
}

}  // namespace greenlane::events::internal
