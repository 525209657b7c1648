#include "group_reader.h"

#include <map>

#include "greenlane/core/error.h"
#include "greenlane/core/log.h"
#include "greenlane/core/uuid.h"

namespace greenlane::events::internal {
namespace {

std::optional<Event> ParseFields(const redis::Reply& fields) {
  if (!fields.IsArray()) return std::nullopt;
  Event event;
  std::optional<std::string> payload;
  for (std::size_t i = 0; i + 1 < fields.size(); i += 2) {
    if (!fields[i].IsString() || !fields[i + 1].IsString()) return std::nullopt;
    const auto name = fields[i].AsView();
    if (name == "event_id") event.id = fields[i + 1].AsString();
    if (name == "topic") event.topic = fields[i + 1].AsString();
    if (name == "payload") payload = fields[i + 1].AsString();
    if (name == "created_at") event.created_at = fields[i + 1].AsString();
  }
  if (!core::Uuid::Parse(event.id) || event.topic.empty() || !payload) return std::nullopt;
  event.payload = nlohmann::json::parse(*payload, nullptr, /*allow_exceptions=*/false);
  if (event.payload.is_discarded()) return std::nullopt;
  return event;
}

// [[id, [field, value, ...]], ...], as XREADGROUP (per stream) and XCLAIM answer.
std::vector<StreamEntry> ParseEntries(const redis::Reply& items) {
  std::vector<StreamEntry> entries;
  entries.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    entries.push_back(StreamEntry{items[i][0].AsString(), ParseFields(items[i][1])});
  }
  return entries;
}

}  // namespace

GroupReader::GroupReader(std::string stream, std::string group, std::string consumer)
    : stream_(std::move(stream)), group_(std::move(group)), consumer_(std::move(consumer)) {}

void GroupReader::EnsureGroup(redis::Connection& redis) {
  if (group_ready_) return;
  // From "0", so events published before the group existed are read too.
  const auto created = redis.Command({"XGROUP", "CREATE", stream_, group_, "0", "MKSTREAM"});
  if (created.IsError() && !created.AsView().starts_with("BUSYGROUP")) {
    throw core::GreenlaneException(
        core::Error::Internal("cannot create consumer group " + group_ + " on " + stream_ + ": " + created.AsString()));
  }
  group_ready_ = true;
}

redis::Reply GroupReader::Run(redis::Connection& redis, const std::vector<std::string>& argv,
                              std::optional<std::chrono::milliseconds> block) {
  EnsureGroup(redis);
  auto reply = block ? redis.Command(argv, *block) : redis.Command(argv);
  if (reply.IsError()) {
    // NOGROUP: the stream was deleted (and the group with it); recreate it on the next call.
    group_ready_ = false;
    throw core::GreenlaneException(core::Error{
        core::ErrorKind::kUnavailable, argv[0] + " on " + stream_ + " was refused: " + reply.AsString(), {}});
  }
  return reply;
}

void GroupReader::LogLost(const std::string& id, const char* how) {
  log::Error("a pending stream entry was deleted before it was handled; replay its event from the outbox",
             {{"stream", stream_}, {"group", group_}, {"entry", id}, {"noticed_by", how}});
}

void GroupReader::ClaimAbandoned(redis::Connection& redis, std::chrono::milliseconds min_idle, std::size_t count) {
  // Answer: [next cursor, [claimed id, ...], [id deleted from the stream, ...]] (the last since Redis 7).
  const auto reply = Run(redis, {"XAUTOCLAIM", stream_, group_, consumer_, std::to_string(min_idle.count()),
                                 claim_cursor_, "COUNT", std::to_string(count), "JUSTID"});
  claim_cursor_ = reply[0].AsString();
  if (reply.size() > 2) {
    for (std::size_t i = 0; i < reply[2].size(); ++i) LogLost(reply[2][i].AsString(), "XAUTOCLAIM");
  }
  const std::size_t claimed = reply[1].size();
  if (claimed > 0) {
    log::Warn("took over stream entries another consumer left pending",
              {{"stream", stream_}, {"group", group_}, {"consumer", consumer_}, {"entries", claimed}});
  }
}

std::vector<StreamEntry> GroupReader::ReadDue(redis::Connection& redis, std::chrono::milliseconds retry_delay,
                                              std::size_t count) {
  // Answer: [[id, consumer, idle ms, deliveries], ...].
  const auto pending = Run(redis, {"XPENDING", stream_, group_, "IDLE", std::to_string(retry_delay.count()), "-", "+",
                                   std::to_string(count), consumer_});
  if (pending.size() == 0) return {};
  std::vector<std::string> claim = {"XCLAIM", stream_, group_, consumer_, "0"};
  std::map<std::string, std::int64_t> earlier_deliveries;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    claim.push_back(pending[i][0].AsString());
    earlier_deliveries[claim.back()] = pending[i][3].AsInteger();
  }
  // XCLAIM to ourselves re-delivers: it returns the fields and counts one more delivery. Entries
  // deleted from the stream are not returned (and Redis 7 drops them from the pending list).
  std::vector<StreamEntry> entries = ParseEntries(Run(redis, claim));
  for (auto& entry : entries) {
    if (const auto found = earlier_deliveries.find(entry.id); found != earlier_deliveries.end()) {
      entry.deliveries = found->second + 1;
      earlier_deliveries.erase(found);
    }
  }
  for (const auto& [id, deliveries] : earlier_deliveries) LogLost(id, "XCLAIM");
  return entries;
}

std::vector<StreamEntry> GroupReader::ReadNew(redis::Connection& redis, std::size_t count,
                                              std::optional<std::chrono::milliseconds> block) {
  std::vector<std::string> argv = {"XREADGROUP", "GROUP", group_, consumer_, "COUNT", std::to_string(count)};
  if (block) argv.insert(argv.end(), {"BLOCK", std::to_string(block->count())});
  argv.insert(argv.end(), {"STREAMS", stream_, ">"});
  // Answer: nil when nothing came, else [[stream, [[id, [field, value, ...]], ...]]].
  const auto reply = Run(redis, argv, block);
  if (reply.IsNil() || reply.size() == 0) return {};
  return ParseEntries(reply[0][1]);
}

void GroupReader::Acknowledge(redis::Connection& redis, const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  std::vector<std::string> argv = {"XACK", stream_, group_};
  argv.insert(argv.end(), ids.begin(), ids.end());
  if (const auto reply = redis.Command(argv); reply.IsError()) {
    log::Warn("XACK was refused; the events will be redelivered and skipped by the inbox",
              {{"stream", stream_}, {"group", group_}, {"error", reply.AsString()}});
  }
}

}  // namespace greenlane::events::internal
