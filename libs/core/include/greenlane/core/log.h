#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace greenlane::log {

enum class Level { kDebug, kInfo, kWarn, kError };

/// Sets the service name written on every line and the lowest level written. Call once in main();
/// before that, lines go to stderr with service "unknown".
void Init(std::string service, Level min_level);

/// Parses "debug", "info", "warn", "error"; throws core::ConfigError otherwise.
Level ParseLevel(const std::string& text);

/// Writes one JSON object per line to stderr: ts, level, service, request_id (when a
/// RequestScope is active on this thread), msg, and `fields` merged in. Never put secrets in
/// fields.
void Write(Level level, std::string_view msg, const nlohmann::json& fields = nlohmann::json::object());

inline void Debug(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object()) {
  Write(Level::kDebug, msg, fields);
}
inline void Info(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object()) {
  Write(Level::kInfo, msg, fields);
}
inline void Warn(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object()) {
  Write(Level::kWarn, msg, fields);
}
inline void Error(std::string_view msg, const nlohmann::json& fields = nlohmann::json::object()) {
  Write(Level::kError, msg, fields);
}

bool Enabled(Level level);

/// Writes out buffered lines now. Lines below warn are buffered for at most a second (and flushed at
/// exit); call this before reading stderr in a test or before a deliberate abort.
void Flush();

/// Attaches a request id to every line this thread writes while the scope lives.
class RequestScope {
 public:
  explicit RequestScope(std::string request_id);
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

 private:
  std::string previous_;
};

/// The request id of the innermost RequestScope on this thread, or "".
const std::string& CurrentRequestId();

}  // namespace greenlane::log
