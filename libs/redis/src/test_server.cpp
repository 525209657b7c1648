#include "greenlane/redis/test_server.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>

#include "greenlane/core/error.h"

namespace greenlane::redis {

std::string TestServerUrl() {
  const char* url = std::getenv("GREENLANE_TEST_REDIS_URL");
  if (url == nullptr || *url == '\0') {
    throw core::GreenlaneException(core::Error::FailedPrecondition(
        "GREENLANE_TEST_REDIS_URL is not set: run integration tests through scripts/test, or start servers with "
        "eval \"$(scripts/test-services start /tmp/gl-dev)\" first"));
  }
  return url;
}

std::string UniqueKeyPrefix(const std::string& name) {
  static std::atomic<unsigned> counter{0};
  static const unsigned salt = std::random_device{}();
  return name + ":" + std::to_string(::getpid()) + ":" + std::to_string(salt) + ":" + std::to_string(counter++) + ":";
}

}  // namespace greenlane::redis
