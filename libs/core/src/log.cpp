#include "greenlane/core/log.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>

#include "greenlane/core/clock.h"
#include "greenlane/core/config.h"

namespace greenlane::log {
namespace {

// Collects lines and writes them to stderr in large writes: a busy service logs a line per request,
// and a write system call per line would cost more than the request itself. Warnings and errors
// are written at once; the rest at the latest after kFlushInterval, when the buffer fills, on
// Flush() and at exit.
class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    buffer_.append(msg.payload.data(), msg.payload.size());
    buffer_.push_back('\n');
    if (msg.level >= spdlog::level::warn || buffer_.size() >= kMaxBuffered) flush_();
  }
  void flush_() override {
    std::size_t written = 0;
    while (written < buffer_.size()) {
      const ssize_t n = ::write(STDERR_FILENO, buffer_.data() + written, buffer_.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // stderr is gone: nothing better to do with the lines
      written += static_cast<std::size_t>(n);
    }
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kMaxBuffered = 64 * 1024;
  std::string buffer_;
};

constexpr std::chrono::seconds kFlushInterval{1};  // spdlog's periodic flusher counts whole seconds

struct State {
  std::string service = "unknown";
  std::atomic<Level> min_level{Level::kInfo};
  std::shared_ptr<spdlog::logger> logger;
};

State& GlobalState() {
  static State* state = [] {
    auto* s = new State();  // never destroyed: threads may log during static destruction
    s->logger = std::make_shared<spdlog::logger>("greenlane", std::make_shared<BufferedStderrSink>());
    s->logger->set_level(spdlog::level::trace);
    s->logger->flush_on(spdlog::level::warn);
    spdlog::register_logger(s->logger);
    spdlog::flush_every(kFlushInterval);
    std::atexit([] { GlobalState().logger->flush(); });
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

constexpr spdlog::level::level_enum SpdlogLevel(Level level) {
  switch (level) {
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

// A JSON string literal of `text`. Invalid UTF-8 is replaced, as nlohmann's dump would.
void AppendJsonString(std::string& out, std::string_view text) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\';
  });
  if (plain) {
    out += '"';
    out += text;
    out += '"';
    return;
  }
  out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
  // Built by hand rather than through a JSON object: one line per request must stay cheap.
  // Fixed members first (ts, level, service, request_id, msg), then the fields.
  std::string line;
  line.reserve(256);
  line += R"({"ts":")";
  line += core::FormatRfc3339(std::chrono::system_clock::now());
  line += R"(","level":")";
  line += LevelName(level);
  line += R"(","service":)";
  AppendJsonString(line, state.service);
  if (!tl_request_id.empty()) {
    line += R"(,"request_id":)";
    AppendJsonString(line, tl_request_id);
  }
  line += R"(,"msg":)";
  AppendJsonString(line, msg);
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) {
      line += ',';
      AppendJsonString(line, key);
      line += ':';
      line += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
  }
  line += '}';
  state.logger->log(SpdlogLevel(level), line);
}

void Flush() { GlobalState().logger->flush(); }

RequestScope::RequestScope(std::string request_id) : previous_(std::move(tl_request_id)) {
  tl_request_id = std::move(request_id);
}

RequestScope::~RequestScope() { tl_request_id = std::move(previous_); }

const std::string& CurrentRequestId() { return tl_request_id; }

}  // namespace greenlane::log
