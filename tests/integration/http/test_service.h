#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "greenlane/core/worker_pool.h"
#include "greenlane/http/client.h"
#include "greenlane/http/router.h"
#include "greenlane/http/server.h"

namespace greenlane::http::testing {

/// What the after hook saw for one response.
struct Seen {
  unsigned status;
  bool routed;
  std::string request_id;
};

/// A server on a loopback port with a small set of routes that exercise every path through it:
///   GET  /hello (non_blocking)        GET /v1/items/{id}     POST /v1/items (application/json)
///   GET  /fail/greenlane, /fail/std   GET /slow (waits until Release())
///   GET  /whoami (peer and principal) GET /private (role "officer": "Authorization: Bearer officer-token")
///   GET  /later/{mode} (role "officer"; started on the I/O thread, mode: "thread" answers 20 ms later
///        from another thread, "decline" leaves it to the handler, "drop" drops the responder,
///        "throw" throws a NotFound)
class TestService {
 public:
  explicit TestService(ServerOptions options = {}, std::size_t worker_threads = 2, std::size_t worker_queue = 64);
  ~TestService();

  ClientOptions ClientFor() const;
  Server& server() { return *server_; }
  core::WorkerPool& workers() { return workers_; }

  /// Responses seen by the after hook so far.
  std::vector<Seen> seen() const;
  /// Blocks until `count` /slow handlers have started (or 10 s passed).
  bool WaitForSlowStarted(int count);
  /// Lets every /slow handler finish.
  void Release();
  /// How many /later requests reached the route's start.
  int started() const;

 private:
  bool StartLater(Request& request, Responder& respond);

  Router router_;
  core::WorkerPool workers_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Seen> seen_;
  int slow_started_ = 0;
  bool released_ = false;
  int started_ = 0;
  std::vector<std::thread> answering_;
  std::unique_ptr<Server> server_;
};

}  // namespace greenlane::http::testing
