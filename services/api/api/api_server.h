#pragma once

#include <memory>

#include "api/settings.h"
#include "greenlane/core/clock.h"
#include "greenlane/http/router.h"

namespace greenlane::api {

/// greenlane-api assembled: pools, keys, stores, routes, hooks and the HTTP server. main() and
/// the end-to-end tests build it the same way.
class ApiServer {
 public:
  /// Loads keys and builds everything; throws core::ConfigError on a bad key file.
  explicit ApiServer(ApiSettings settings, const core::Clock& clock = core::SystemClock::Instance());
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  void Start();
  /// The bound port (useful with port 0).
  unsigned short port() const;
  void Stop();
  /// The routes served, for the OpenAPI and role-matrix tests.
  const http::Router& router() const;

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace greenlane::api
