#include "greenlane/events/consumer.h"

#include <optional>

#include "background_loop.h"
#include "greenlane/core/config.h"
#include "greenlane/core/log.h"
#include "greenlane/core/uuid.h"
#include "greenlane/pg/url.h"

namespace greenlane::events {
namespace {

ConsumerOptions Checked(ConsumerOptions options) {
  if (!pg::IsPlainIdentifier(options.schema)) {
    throw core::ConfigError("consumer schema \"" + options.schema +
                            "\" must be a lower-case identifier ([a-z_][a-z0-9_]*)");
  }
  if (auto problem = TopicProblem(options.topic); !problem.empty()) throw core::ConfigError("consumer " + problem);
  if (options.group.empty()) throw core::ConfigError("consumer group must not be empty (use the service name)");
  if (options.consumer_name.empty()) {
    throw core::ConfigError("consumer_name must not be empty (use a name stable across restarts, e.g. the pod name)");
  }
  return options;
}

struct Entry {
  std::string stream_id;
  std::optional<Event> event;  // nullopt: trimmed from the stream or not written by a Relay
};

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

// XREADGROUP answers nil when nothing came, else [[stream, [[id, [field, value, ...] or nil], ...]]].
std::vector<Entry> ParseEntries(const redis::Reply& reply) {
  std::vector<Entry> entries;
  if (reply.IsNil()) return entries;
  for (std::size_t s = 0; s < reply.size(); ++s) {
    const redis::Reply items = reply[s][1];
    for (std::size_t i = 0; i < items.size(); ++i) {
      entries.push_back(Entry{items[i][0].AsString(), ParseFields(items[i][1])});
    }
  }
  return entries;
}

}  // namespace

Consumer::Consumer(pg::Pool& pg, redis::Pool& redis, ConsumerOptions options, Handler handler)
    : pg_(pg),
      redis_(redis),
      options_(Checked(std::move(options))),
      handler_(std::move(handler)),
      stream_(StreamName(options_.topic)),
      insert_inbox_sql_("INSERT INTO " + options_.schema +
                        ".inbox (consumer, event_id) VALUES ($1, $2::uuid) ON CONFLICT DO NOTHING"),
      loop_(std::make_unique<internal::BackgroundLoop>()) {
  if (options_.batch_size == 0) options_.batch_size = 1;
}

Consumer::~Consumer() { Stop(); }

std::size_t Consumer::RunOnce() { return Poll().settled; }

Consumer::Pass Consumer::Poll() {
  auto redis = redis_.Acquire();
  if (!group_ready_) {
    const auto created = redis->Command({"XGROUP", "CREATE", stream_, options_.group, "0", "MKSTREAM"});
    if (created.IsError() && !created.AsView().starts_with("BUSYGROUP")) {
      throw core::GreenlaneException(core::Error::Internal("cannot create consumer group " + options_.group + " on " +
                                                           stream_ + ": " + created.AsString()));
    }
    group_ready_ = true;
  }

  auto read = [&](const std::string& from, std::optional<std::chrono::milliseconds> block) {
    std::vector<std::string> argv = {"XREADGROUP",           "GROUP", options_.group,
                                     options_.consumer_name, "COUNT", std::to_string(options_.batch_size)};
    if (block) argv.insert(argv.end(), {"BLOCK", std::to_string(block->count())});
    argv.insert(argv.end(), {"STREAMS", stream_, from});
    const auto reply = block ? redis->Command(argv, *block) : redis->Command(argv);
    if (reply.IsError()) {
      // NOGROUP: the stream was deleted (and the group with it); recreate it on the next pass.
      group_ready_ = false;
      throw core::GreenlaneException(core::Error{
          core::ErrorKind::kUnavailable, "XREADGROUP on " + stream_ + " was refused: " + reply.AsString(), {}});
    }
    return ParseEntries(reply);
  };
  std::vector<Entry> entries = read("0", std::nullopt);
  std::vector<Entry> fresh = read(">", entries.empty() ? std::optional(options_.block) : std::nullopt);
  entries.insert(entries.end(), std::make_move_iterator(fresh.begin()), std::make_move_iterator(fresh.end()));
  if (entries.empty()) return {};

  Pass pass;
  std::vector<std::string> ack = {"XACK", stream_, options_.group};
  auto acknowledge = [&] {
    if (ack.size() == 3) return;
    if (const auto reply = redis->Command(ack); reply.IsError()) {
      log::Warn("XACK was refused; the events will be redelivered and skipped by the inbox",
                {{"stream", stream_}, {"group", options_.group}, {"error", reply.AsString()}});
    }
  };
  auto pg = pg_.Acquire();
  try {
    for (const auto& entry : entries) {
      if (!entry.event) {
        log::Error("dropping a stream entry that is not a readable event (trimmed, or not written by a relay)",
                   {{"stream", stream_}, {"entry", entry.stream_id}, {"group", options_.group}});
        ack.push_back(entry.stream_id);
        ++pass.settled;
        continue;
      }
      try {
        pqxx::work tx(*pg);
        if (tx.exec_params(insert_inbox_sql_, options_.group, entry.event->id).affected_rows() == 1) {
          handler_(tx, *entry.event);
        }
        tx.commit();
        ack.push_back(entry.stream_id);
        ++pass.settled;
      } catch (const pqxx::broken_connection&) {
        throw;
      } catch (const std::exception& e) {
        ++pass.failed;
        log::Warn("event handler failed; the event stays pending and is retried", {{"stream", stream_},
                                                                                   {"group", options_.group},
                                                                                   {"event_id", entry.event->id},
                                                                                   {"entry", entry.stream_id},
                                                                                   {"error", e.what()}});
      }
    }
  } catch (...) {
    acknowledge();  // what committed must not be handled again needlessly
    throw;
  }
  acknowledge();
  return pass;
}

void Consumer::Start() {
  loop_->Start([this, backoff = internal::Backoff()]() mutable -> std::chrono::milliseconds {
    try {
      const Pass pass = Poll();
      if (pass.failed == 0) {
        backoff.Reset();
        return std::chrono::milliseconds::zero();  // the next read blocks while the stream is quiet
      }
      return backoff.Next();
    } catch (const std::exception& e) {
      const auto pause = backoff.Next();
      log::Warn("event consumer failed; retrying",
                {{"stream", stream_}, {"group", options_.group}, {"error", e.what()}, {"retry_in_ms", pause.count()}});
      return pause;
    }
  });
}

void Consumer::Stop() { loop_->Stop(); }

}  // namespace greenlane::events
