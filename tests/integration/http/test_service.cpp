#include "test_service.h"

#include <chrono>
#include <stdexcept>
#include <thread>

namespace greenlane::http::testing {

TestService::TestService(ServerOptions options, std::size_t worker_threads, std::size_t worker_queue)
    : workers_("http-test", worker_threads, worker_queue) {
  router_.Add({"GET", "/hello", "", {}, {}, true, [](Request&) { return Response::Text(200, "hello"); }});
  router_.Add({"GET", "/v1/items/{id}", "", {}, {}, false, [](Request& request) {
                 return Response::Json(200, {{"id", request.path_params.at("id")}, {"query", request.query}});
               }});
  router_.Add({"POST", "/v1/items", "", {}, {"application/json"}, false, [](Request& request) {
                 return Response::Json(201, {{"received", nlohmann::json::parse(request.body)}});
               }});
  router_.Add({"GET", "/fail/greenlane", "", {}, {}, false, [](Request&) -> Response {
                 throw core::GreenlaneException(core::Error::NotFound("item 7 does not exist"));
               }});
  router_.Add({"GET", "/fail/std", "", {}, {}, false, [](Request&) -> Response {
                 throw std::runtime_error("connection to postgres://app:hunter2@db failed");
               }});
  router_.Add({"GET", "/slow", "", {}, {}, false, [this](Request&) {
                 std::unique_lock lock(mutex_);
                 ++slow_started_;
                 changed_.notify_all();
                 changed_.wait(lock, [this] { return released_; });
                 return Response::Text(200, "slow done");
               }});
  router_.Add({"GET", "/whoami", "", {}, {}, false, [](Request& request) {
                 return Response::Json(200, {{"peer_subject", request.peer_subject},
                                             {"principal", request.principal},
                                             {"remote_ip", request.remote_ip}});
               }});
  router_.Add({"GET", "/private", "", {"officer"}, {}, false, [](Request& request) {
                 return Response::Json(200, {{"principal", request.principal}, {"roles", request.roles}});
               }});
  Route later{"GET", "/later/{mode}", "", {"officer"}, {}, false, [](Request&) {
                return Response::Text(200, "declined, answered on a worker");
              }};
  later.start = [this](Request& request, Responder& respond) { return StartLater(request, respond); };
  router_.Add(std::move(later));

  Hooks hooks;
  hooks.before = [](Request& request, const Route& route) -> std::optional<Response> {
    if (route.roles.empty()) return std::nullopt;
    if (request.Header("Authorization") != "Bearer officer-token") {
      return Problem(core::Error::Unauthenticated("send Authorization: Bearer <token>"));
    }
    request.principal = "officer-1";
    request.roles = {"officer"};
    return std::nullopt;
  };
  hooks.after = [this](const Request& request, const Route* route, const Response& response, std::chrono::nanoseconds) {
    std::lock_guard lock(mutex_);
    seen_.push_back({response.status, route != nullptr, request.request_id});
  };
  server_ = std::make_unique<Server>(std::move(options), router_, std::move(hooks), workers_);
  server_->Start();
}

TestService::~TestService() {
  Release();
  for (auto& thread : answering_) thread.join();
  server_->Stop();
}

bool TestService::StartLater(Request& request, Responder& respond) {
  {
    std::lock_guard lock(mutex_);
    ++started_;
  }
  const auto& mode = request.path_params.at("mode");
  if (mode == "decline") return false;
  if (mode == "throw") throw core::GreenlaneException(core::Error::NotFound("nothing to start"));
  if (mode == "drop") {
    Responder dropped(std::move(respond));
    return true;
  }
  std::lock_guard lock(mutex_);
  answering_.emplace_back([respond = std::make_shared<Responder>(std::move(respond)), principal = request.principal] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    (*respond)(Response::Json(200, {{"answered", "from another thread"}, {"principal", principal}}));
  });
  return true;
}

int TestService::started() const {
  std::lock_guard lock(mutex_);
  return started_;
}

ClientOptions TestService::ClientFor() const {
  ClientOptions options;
  options.port = server_->port();
  options.timeout = std::chrono::seconds(10);
  return options;
}

std::vector<Seen> TestService::seen() const {
  std::lock_guard lock(mutex_);
  return seen_;
}

bool TestService::WaitForSlowStarted(int count) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return slow_started_ >= count; });
}

void TestService::Release() {
  std::lock_guard lock(mutex_);
  released_ = true;
  changed_.notify_all();
}

}  // namespace greenlane::http::testing
