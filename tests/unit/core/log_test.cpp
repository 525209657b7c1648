#include "greenlane/core/log.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

// Runs `body` with stderr sent to a temporary file and returns what was written there.
template <typename Body>
std::string CaptureStderr(Body body) {
  greenlane::log::Flush();
  FILE* file = std::tmpfile();
  const int saved = dup(STDERR_FILENO);
  dup2(fileno(file), STDERR_FILENO);
  body();
  dup2(saved, STDERR_FILENO);
  close(saved);
  std::rewind(file);
  std::ostringstream out;
  for (int c; (c = std::fgetc(file)) != EOF;) out.put(static_cast<char>(c));
  std::fclose(file);
  return out.str();
}

}  // namespace

TEST_CASE("log lines are JSON objects with the request id, written out on Flush") {
  greenlane::log::Init("test", greenlane::log::Level::kInfo);
  const std::string text = CaptureStderr([] {
    greenlane::log::RequestScope scope("req-42");
    greenlane::log::Info("permit issued", {{"number", "GA-1"}});
    greenlane::log::Debug("not written below the level");
    greenlane::log::Flush();
  });
  std::istringstream lines(text);
  std::string line;
  REQUIRE(std::getline(lines, line));
  const auto json = nlohmann::json::parse(line);
  CHECK(json["msg"] == "permit issued");
  CHECK(json["service"] == "test");
  CHECK(json["level"] == "info");
  CHECK(json["request_id"] == "req-42");
  CHECK(json["number"] == "GA-1");
  CHECK(json["ts"].get<std::string>().back() == 'Z');
  CHECK_FALSE(std::getline(lines, line));
}

TEST_CASE("warnings are written at once, without waiting for a flush") {
  greenlane::log::Init("test", greenlane::log::Level::kInfo);
  const std::string text = CaptureStderr([] { greenlane::log::Warn("disk almost full"); });
  CHECK(text.find("disk almost full") != std::string::npos);
}
