#pragma once

#include <string>

namespace greenlane::redis {

/// The value of GREENLANE_TEST_REDIS_URL. Throws core::GreenlaneException (kFailedPrecondition)
/// telling to run through scripts/test when it is unset, so integration tests fail instead of
/// passing without a server.
std::string TestServerUrl();

/// A key prefix no other test process uses ("<name>:<pid>:<random>:"), so tests sharing one Redis
/// run in parallel without seeing each other's keys.
std::string UniqueKeyPrefix(const std::string& name);

}  // namespace greenlane::redis
