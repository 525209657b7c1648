#include "greenlane/core/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

#include "greenlane/core/clock.h"
#include "greenlane/core/config.h"

namespace greenlane::log {
namespace {

struct State {
  std::string service = "unknown";
  std::atomic<Level> min_level{Level::kInfo};
  std::shared_ptr<spdlog::logger> logger;
};

State& GlobalState() {
  static State* state = [] {
    auto* s = new State();  // never destroyed: threads may log during static destruction
    s->logger = std::make_shared<spdlog::logger>("greenlane", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    s->logger->set_pattern("%v");
    s->logger->set_level(spdlog::level::trace);
    s->logger->flush_on(spdlog::level::trace);
    return s;
  }();
  return *state;
}

std::mutex& InitMutex() {
  static std::mutex mutex;
  return mutex;
}

thread_local std::string tl_request_id;

constexpr const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

}  // namespace

void Init(std::string service, Level min_level) {
  std::lock_guard lock(InitMutex());
  auto& state = GlobalState();
  state.service = std::move(service);
  state.min_level = min_level;
}

Level ParseLevel(const std::string& text) {
  if (text == "debug") return Level::kDebug;
  if (text == "info") return Level::kInfo;
  if (text == "warn") return Level::kWarn;
  if (text == "error") return Level::kError;
  throw core::ConfigError("log level: expected debug, info, warn or error, got '" + text + "'");
}

bool Enabled(Level level) { return level >= GlobalState().min_level.load(std::memory_order_relaxed); }

void Write(Level level, std::string_view msg, const nlohmann::json& fields) {
  if (!Enabled(level)) return;
  auto& state = GlobalState();
  nlohmann::json line = {
      {"ts", core::FormatRfc3339(std::chrono::system_clock::now())},
      {"level", LevelName(level)},
      {"service", state.service},
  };
  if (!tl_request_id.empty()) line["request_id"] = tl_request_id;
  line["msg"] = msg;
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) line[key] = value;
  }
  state.logger->info(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

RequestScope::RequestScope(std::string request_id) : previous_(std::move(tl_request_id)) {
  tl_request_id = std::move(request_id);
}

RequestScope::~RequestScope() { tl_request_id = std::move(previous_); }

const std::string& CurrentRequestId() { return tl_request_id; }

}  // namespace greenlane::log
