#include <grpcpp/generic/generic_stub.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <sstream>

#include "greenlane/core/error.h"
#include "greenlane/core/log.h"
#include "greenlane/core/uuid.h"
#include "greenlane/metrics/registry.h"
#include "greenlane/rpc/channel.h"
#include "greenlane/rpc/request_id.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "testing_service.h"

using namespace std::chrono_literals;
using Catch::Matchers::Contains;
using greenlane::testing::TestingServer;
using greenlane::testing::ThisThreadId;
using greenlane::testing::v1::EchoReply;
using greenlane::testing::v1::EchoRequest;
using greenlane::testing::v1::FailRequest;
using greenlane::testing::v1::LaterRequest;
using greenlane::testing::v1::SlowRequest;
using greenlane::testing::v1::Testing;
namespace rpc = greenlane::rpc;
namespace core = greenlane::core;
namespace health = grpc::health::v1;

namespace {

std::unique_ptr<Testing::Stub> InsecureStub(const TestingServer& server) {
  return Testing::NewStub(rpc::MakeChannel({.target = server.Target()}));
}

grpc::Status Echo(Testing::Stub& stub, const std::string& text, EchoReply* reply, grpc::ClientContext* context) {
  rpc::SetDeadline(*context, 5s);
  EchoRequest request;
  request.set_text(text);
  return stub.Echo(context, request, reply);
}

grpc::Status Echo(Testing::Stub& stub, const std::string& text, EchoReply* reply) {
  grpc::ClientContext context;
  return Echo(stub, text, reply, &context);
}

grpc::Status Fail(Testing::Stub& stub, const std::string& kind, FailRequest::How how, const std::string& field = "",
                  const std::string& message = "it went wrong") {
  grpc::ClientContext context;
  rpc::SetDeadline(context, 5s);
  FailRequest request;
  request.set_kind(kind);
  request.set_field(field);
  request.set_message(message);
  request.set_how(how);
  EchoReply reply;
  return stub.Fail(&context, request, &reply);
}

health::HealthCheckResponse::ServingStatus CheckHealth(const TestingServer& server, const std::string& service,
                                                       grpc::StatusCode expected_code = grpc::StatusCode::OK) {
  auto stub = health::Health::NewStub(rpc::MakeChannel({.target = server.Target()}));
  grpc::ClientContext context;
  rpc::SetDeadline(context, 5s);
  health::HealthCheckRequest request;
  request.set_service(service);
  health::HealthCheckResponse response;
  const auto status = stub->Check(&context, request, &response);
  REQUIRE(status.error_code() == expected_code);
  return response.status();
}

// Everything written to stderr (where log lines go) while it lives.
class StderrCapture {
 public:
  StderrCapture() : file_(std::tmpfile()), saved_(dup(STDERR_FILENO)) {
    greenlane::log::Flush();  // earlier lines belong to the old stderr
    std::fflush(stderr);
    dup2(fileno(file_), STDERR_FILENO);
  }
  ~StderrCapture() { Restore(); }
  std::string Text() {
    Restore();
    std::rewind(file_);
    std::ostringstream out;
    for (int c; (c = std::fgetc(file_)) != EOF;) out.put(static_cast<char>(c));
    return out.str();
  }

 private:
  void Restore() {
    if (saved_ < 0) return;
    greenlane::log::Flush();
    std::fflush(stderr);
    dup2(saved_, STDERR_FILENO);
    close(saved_);
    saved_ = -1;
  }
  std::FILE* file_;
  int saved_;
};

}  // namespace

TEST_CASE("a client echoes over an insecure loopback connection") {
  TestingServer server;
  auto stub = InsecureStub(server);
  EchoReply reply;
  const auto status = Echo(*stub, "CITES permit GA-2026-000123", &reply);
  REQUIRE(status.ok());
  CHECK(reply.text() == "CITES permit GA-2026-000123");
  CHECK(reply.caller().empty());  // no certificate, no identity
}

TEST_CASE("handlers run on the worker pool, not on gRPC's threads") {
  TestingServer server;
  std::promise<std::string> pool_thread;
  REQUIRE(server.pool.TrySubmit([&] { pool_thread.set_value(ThisThreadId()); }));
  const std::string pool_thread_id = pool_thread.get_future().get();  // the pool has exactly one thread

  auto stub = InsecureStub(server);
  EchoReply reply;
  REQUIRE(Echo(*stub, "x", &reply).ok());
  CHECK(reply.thread() == pool_thread_id);
}

TEST_CASE("a full worker pool answers UNAVAILABLE instead of queueing") {
  TestingServer server(std::nullopt, /*queue_capacity=*/0);
  auto stub = InsecureStub(server);
  EchoReply reply;
  const auto status = Echo(*stub, "x", &reply);
  CHECK(status.error_code() == grpc::StatusCode::UNAVAILABLE);
  CHECK_THAT(status.error_message(), Contains("retry"));
}

TEST_CASE("a deadline shorter than a slow handler gives DEADLINE_EXCEEDED") {
  TestingServer server;
  auto stub = InsecureStub(server);
  grpc::ClientContext context;
  rpc::SetDeadline(context, 100ms);
  SlowRequest request;
  request.set_millis(5000);
  EchoReply reply;
  const auto started = std::chrono::steady_clock::now();
  const auto status = stub->Slow(&context, request, &reply);
  CHECK(status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED);
  CHECK(std::chrono::steady_clock::now() - started < 2s);
}

TEST_CASE("core::Error kinds reach the client as their gRPC codes with field and message") {
  TestingServer server;
  auto stub = InsecureStub(server);
  const std::vector<std::pair<std::string, grpc::StatusCode>> expected{
      {"invalid-argument", grpc::StatusCode::INVALID_ARGUMENT},
      {"not-found", grpc::StatusCode::NOT_FOUND},
      {"already-exists", grpc::StatusCode::ALREADY_EXISTS},
      {"failed-precondition", grpc::StatusCode::FAILED_PRECONDITION},
      {"unauthenticated", grpc::StatusCode::UNAUTHENTICATED},
      {"permission-denied", grpc::StatusCode::PERMISSION_DENIED},
      {"rate-limited", grpc::StatusCode::RESOURCE_EXHAUSTED},
      {"unavailable", grpc::StatusCode::UNAVAILABLE},
      {"deadline-exceeded", grpc::StatusCode::DEADLINE_EXCEEDED},
      {"internal", grpc::StatusCode::INTERNAL},
  };
  for (const auto& [kind, code] : expected) {
    INFO(kind);
    CHECK(Fail(*stub, kind, FailRequest::RETURN_ERROR).error_code() == code);
    CHECK(Fail(*stub, kind, FailRequest::THROW_GREENLANE_EXCEPTION).error_code() == code);
  }

  const auto status =
      Fail(*stub, "invalid-argument", FailRequest::RETURN_ERROR, "quantity", "must be positive, got -3");
  CHECK(status.error_message() == "quantity: must be positive, got -3");
}

TEST_CASE("an unexpected exception in a handler is INTERNAL and names the request id, not the exception") {
  TestingServer server;
  auto stub = InsecureStub(server);
  const auto status = Fail(*stub, "internal", FailRequest::THROW_STD_EXCEPTION, "", "password=hunter2");
  CHECK(status.error_code() == grpc::StatusCode::INTERNAL);
  CHECK_THAT(status.error_message(), Contains("request id"));
  CHECK_THAT(status.error_message(), !Contains("hunter2"));
}

TEST_CASE("work that finishes its call later answers from wherever it ends, once, and never leaves it open") {
  TestingServer server;
  auto stub = InsecureStub(server);
  const auto later = [&](LaterRequest::How how, EchoReply* reply) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    LaterRequest request;
    request.set_how(how);
    return stub->Later(&context, request, reply);
  };
  EchoReply reply;
  REQUIRE(later(LaterRequest::FROM_ANOTHER_THREAD, &reply).ok());
  CHECK(reply.text() == "later");

  // The first answer stands; the second is logged and dropped.
  EchoReply twice;
  REQUIRE(later(LaterRequest::TWICE, &twice).ok());
  CHECK(twice.text() == "first");

  // Work that ends without answering: INTERNAL at once, not the caller's deadline.
  const auto started = std::chrono::steady_clock::now();
  EchoReply dropped;
  const auto status = later(LaterRequest::DROP, &dropped);
  CHECK(status.error_code() == grpc::StatusCode::INTERNAL);
  CHECK_THAT(status.error_message(), Contains("without an answer"));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
}

TEST_CASE("every call has a request id: the caller's, or a new UUIDv7 returned to the caller") {
  TestingServer server;
  auto stub = InsecureStub(server);

  SECTION("the caller's well-formed id is kept") {
    grpc::ClientContext context;
    context.AddMetadata("x-request-id", "sw-7f3a2c91");
    EchoReply reply;
    REQUIRE(Echo(*stub, "x", &reply, &context).ok());
    CHECK(reply.request_id() == "sw-7f3a2c91");
  }
  SECTION("without one, the server makes one and says which") {
    grpc::ClientContext context;
    EchoReply reply;
    REQUIRE(Echo(*stub, "x", &reply, &context).ok());
    const auto id = core::Uuid::Parse(reply.request_id());
    REQUIRE(id.has_value());
    CHECK(id->version() == 7);
    const auto& returned = context.GetServerInitialMetadata();
    REQUIRE(returned.count("x-request-id") == 1);
    CHECK(std::string(returned.find("x-request-id")->second.data(), returned.find("x-request-id")->second.size()) ==
          reply.request_id());
  }
  SECTION("a malformed id is replaced, so it cannot reach the logs") {
    grpc::ClientContext context;
    context.AddMetadata("x-request-id", std::string(500, 'a'));
    EchoReply reply;
    REQUIRE(Echo(*stub, "x", &reply, &context).ok());
    CHECK(core::Uuid::Parse(reply.request_id()).has_value());
  }
}

TEST_CASE("every call writes one JSON log line with method, code, duration and request id") {
  TestingServer server;
  auto stub = InsecureStub(server);
  StderrCapture capture;
  grpc::ClientContext context;
  context.AddMetadata("x-request-id", "log-check-1");
  EchoReply reply;
  REQUIRE(Echo(*stub, "x", &reply, &context).ok());
  REQUIRE(Fail(*stub, "not-found", FailRequest::RETURN_ERROR, "", "permit GA-1 does not exist").error_code() ==
          grpc::StatusCode::NOT_FOUND);
  const std::string text = capture.Text();

  std::vector<nlohmann::json> calls;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    auto json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (json.is_object() && json.value("msg", "") == "rpc") calls.push_back(json);
  }
  REQUIRE(calls.size() == 2);
  CHECK(calls[0]["method"] == "/greenlane.testing.v1.Testing/Echo");
  CHECK(calls[0]["code"] == "OK");
  CHECK(calls[0]["request_id"] == "log-check-1");
  CHECK(calls[0]["duration_ms"].is_number());
  CHECK_THAT(calls[0]["peer"].get<std::string>(), Contains("127.0.0.1"));
  CHECK(calls[1]["method"] == "/greenlane.testing.v1.Testing/Fail");
  CHECK(calls[1]["code"] == "NOT_FOUND");
  CHECK(calls[1]["error"] == "permit GA-1 does not exist");
}

TEST_CASE("the metrics registry counts calls by method and code") {
  TestingServer server;
  auto stub = InsecureStub(server);
  EchoReply reply;
  for (int i = 0; i < 3; ++i) REQUIRE(Echo(*stub, "x", &reply).ok());
  REQUIRE(Fail(*stub, "not-found", FailRequest::RETURN_ERROR).error_code() == grpc::StatusCode::NOT_FOUND);

  const std::string text = greenlane::metrics::Serialize(*server.registry);
  CHECK_THAT(text,
             Contains(R"(greenlane_grpc_server_handled_total{)"
                      R"(grpc_code="OK",grpc_method="/greenlane.testing.v1.Testing/Echo",service="rpc-test"} 3)"));
  CHECK_THAT(
      text,
      Contains(R"(greenlane_grpc_server_handled_total{)"
               R"(grpc_code="NOT_FOUND",grpc_method="/greenlane.testing.v1.Testing/Fail",service="rpc-test"} 1)"));
  CHECK_THAT(text, Contains(R"(greenlane_grpc_server_handling_seconds_count{)"
                            R"(grpc_method="/greenlane.testing.v1.Testing/Echo",service="rpc-test"} 3)"));
}

TEST_CASE("the health service answers SERVING for the server, its name and each service") {
  TestingServer server;
  CHECK(CheckHealth(server, "") == health::HealthCheckResponse::SERVING);
  CHECK(CheckHealth(server, "rpc-test") == health::HealthCheckResponse::SERVING);
  CHECK(CheckHealth(server, "greenlane.testing.v1.Testing") == health::HealthCheckResponse::SERVING);
  CheckHealth(server, "greenlane.v1.NoSuchService", grpc::StatusCode::NOT_FOUND);

  server.server.health()->SetServingStatus("rpc-test", false);  // e.g. its database is down
  CHECK(CheckHealth(server, "rpc-test") == health::HealthCheckResponse::NOT_SERVING);
}

TEST_CASE("a second server on a port that is in use fails to start instead of sharing it") {
  TestingServer first;
  rpc::Server second({.port = first.port, .service_name = "rpc-test", .registry = first.registry});
  try {
    second.Start();
    FAIL("the second server started on a port in use");
  } catch (const core::GreenlaneException& e) {
    CHECK(e.error().kind == core::ErrorKind::kUnavailable);
    CHECK_THAT(e.error().message, Contains(std::to_string(first.port)));
  }
}

TEST_CASE("after shutdown the server refuses calls") {
  TestingServer server;
  auto stub = InsecureStub(server);
  EchoReply reply;
  REQUIRE(Echo(*stub, "x", &reply).ok());
  server.server.Shutdown(100ms);
  grpc::ClientContext context;
  rpc::SetDeadline(context, 500ms);
  EchoRequest request;
  CHECK_FALSE(stub->Echo(&context, request, &reply).ok());
  CHECK(server.server.health() == nullptr);
}

TEST_CASE("calls to methods the server does not have are UNIMPLEMENTED and add no metric series") {
  TestingServer server;
  grpc::GenericStub stub(rpc::MakeChannel({.target = server.Target()}));
  for (int i = 0; i < 3; ++i) {
    grpc::ClientContext context;
    rpc::SetDeadline(context, 5s);
    grpc::Slice empty_message("");
    grpc::ByteBuffer request(&empty_message, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stub.UnaryCall(&context, "/greenlane.testing.v1.Testing/Probe" + std::to_string(i), grpc::StubOptions(), &request,
                   &response, [&done](grpc::Status status) { done.set_value(std::move(status)); });
    CHECK(done.get_future().get().error_code() == grpc::StatusCode::UNIMPLEMENTED);
  }
  const std::string text = greenlane::metrics::Serialize(*server.registry);
  CHECK_THAT(text, !Contains("Probe"));
  CHECK_THAT(text, Contains(R"(greenlane_grpc_server_handled_total{)"
                            R"(grpc_code="UNIMPLEMENTED",grpc_method="unknown",service="rpc-test"} 3)"));
}
