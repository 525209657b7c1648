#pragma once

// A client's webhook endpoint for end-to-end tests: a real HTTP server on a loopback port that
// records every delivery and answers with the statuses the test scripted (a receiver that is
// down, then back).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "greenlane/core/worker_pool.h"
#include "greenlane/http/server.h"

namespace greenlane::testing {

class WebhookReceiver {
 public:
  struct Delivery {
    std::string body;
    std::string signature;     ///< the Greenlane-Signature header
    std::string conversation;  ///< the Greenlane-Conversation-Id header
    int answered = 0;          ///< the status this receiver answered
  };

  /// Answers `statuses` in turn, then the last of them to every later delivery.
  explicit WebhookReceiver(std::vector<int> statuses) : statuses_(std::move(statuses)) {
    router_.Add({"POST", "/hooks/greenlane", "", {}, {"application/json"}, false, [this](http::Request& request) {
                   return Record(request);
                 }});
    server_.Start();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_.port()) + "/hooks/greenlane"; }

  /// From now on every delivery gets `status`.
  void AnswerFromNowOn(int status) {
    std::lock_guard lock(mutex_);
    statuses_.assign(1, status);
    next_ = 0;
  }

  /// The deliveries so far once there are at least `count` of them, or what came within `timeout`.
  std::vector<Delivery> WaitFor(std::size_t count, std::chrono::seconds timeout = std::chrono::seconds(20)) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, timeout, [&] { return deliveries_.size() >= count; });
    return deliveries_;
  }

 private:
  http::Response Record(const http::Request& request) {
    std::lock_guard lock(mutex_);
    const int status = statuses_[std::min(next_++, statuses_.size() - 1)];
    deliveries_.push_back({request.body, std::string(request.Header("Greenlane-Signature")),
                           std::string(request.Header("Greenlane-Conversation-Id")), status});
    arrived_.notify_all();
    return http::Response::Text(status, "", "text/plain");
  }

  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<int> statuses_;
  std::size_t next_ = 0;
  std::vector<Delivery> deliveries_;
  http::Router router_;
  core::WorkerPool workers_{"webhook-receiver", 1, 64};
  http::Server server_{http::ServerOptions{}, router_, {}, workers_};
};

}  // namespace greenlane::testing
