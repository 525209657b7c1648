#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "greenlane/metrics/grpc_metrics.h"
#include "greenlane/metrics/http_metrics.h"
#include "greenlane/metrics/registry.h"

using namespace greenlane::metrics;
using Catch::Matchers::Contains;

namespace {

// Exit status of `promtool check metrics` fed `text` on stdin: what Prometheus itself would accept.
int PromtoolCheck(const std::string& text) {
  FILE* pipe = popen("promtool check metrics >&2", "w");
  REQUIRE(pipe != nullptr);
  REQUIRE(std::fwrite(text.data(), 1, text.size(), pipe) == text.size());
  int status = pclose(pipe);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

}  // namespace

TEST_CASE("HTTP requests are counted by route pattern and status, durations by route") {
  prometheus::Registry registry;
  HttpMetrics http(registry, "api");
  http.Observe("GET", "/v1/permits/{id}", 200, 0.002);
  http.Observe("GET", "/v1/permits/{id}", 200, 0.2);
  http.Observe("GET", "/v1/permits/{id}", 404, 0.001);
  http.Observe("POST", "/v1/declarations", 201, 3.0);

  const std::string text = Serialize(registry);
  CHECK_THAT(text, Contains("# TYPE greenlane_http_requests_total counter"));
  CHECK_THAT(
      text,
      Contains(R"(greenlane_http_requests_total{method="GET",route="/v1/permits/{id}",service="api",status="200"} 2)"));
  CHECK_THAT(
      text,
      Contains(R"(greenlane_http_requests_total{method="GET",route="/v1/permits/{id}",service="api",status="404"} 1)"));
  CHECK_THAT(
      text,
      Contains(
          R"(greenlane_http_requests_total{method="POST",route="/v1/declarations",service="api",status="201"} 1)"));
  // The histogram has no status label: all three GETs land in one series.
  CHECK_THAT(
      text,
      Contains(
          R"(greenlane_http_request_duration_seconds_count{method="GET",route="/v1/permits/{id}",service="api"} 3)"));
  CHECK_THAT(text, Contains(R"(greenlane_http_request_duration_seconds_bucket{)"
                            R"(method="GET",route="/v1/permits/{id}",service="api",le="0.0025"} 2)"));
  CHECK_THAT(text, Contains(R"(greenlane_http_request_duration_seconds_bucket{)"
                            R"(method="POST",route="/v1/declarations",service="api",le="0.0005"} 0)"));
  CHECK_THAT(text, Contains(R"(greenlane_http_request_duration_seconds_bucket{)"
                            R"(method="POST",route="/v1/declarations",service="api",le="10"} 1)"));
  CHECK(PromtoolCheck(text) == 0);
}

TEST_CASE("invented HTTP methods share one label value instead of making new series") {
  prometheus::Registry registry;
  HttpMetrics http(registry, "api");
  for (int i = 0; i < 100; ++i) http.Observe("QQQ" + std::to_string(i), "unmatched", 405, 0.001);
  const std::string text = Serialize(registry);
  CHECK_THAT(
      text,
      Contains(R"(greenlane_http_requests_total{method="other",route="unmatched",service="api",status="405"} 100)"));
  CHECK(text.find("QQQ") == std::string::npos);
}

TEST_CASE("gRPC calls are counted by method and code name") {
  prometheus::Registry registry;
  GrpcMetrics grpc(registry, "timber");
  grpc.Observe("/greenlane.v1.Timber/GetLog", 0, 0.003);
  grpc.Observe("/greenlane.v1.Timber/GetLog", 5, 0.001);
  grpc.Observe("/greenlane.v1.Timber/GetLog", 5, 0.001);
  grpc.Observe("/greenlane.v1.Timber/GetLog", 99, 0.001);

  const std::string text = Serialize(registry);
  CHECK_THAT(text, Contains(R"(greenlane_grpc_server_handled_total{)"
                            R"(grpc_code="OK",grpc_method="/greenlane.v1.Timber/GetLog",service="timber"} 1)"));
  CHECK_THAT(text, Contains(R"(greenlane_grpc_server_handled_total{)"
                            R"(grpc_code="NOT_FOUND",grpc_method="/greenlane.v1.Timber/GetLog",service="timber"} 2)"));
  CHECK_THAT(text, Contains(R"(greenlane_grpc_server_handled_total{)"
                            R"(grpc_code="UNKNOWN",grpc_method="/greenlane.v1.Timber/GetLog",service="timber"} 1)"));
  CHECK_THAT(text, Contains(R"(greenlane_grpc_server_handling_seconds_count{)"
                            R"(grpc_method="/greenlane.v1.Timber/GetLog",service="timber"} 4)"));
  CHECK(PromtoolCheck(text) == 0);
}

TEST_CASE("gRPC code names follow the gRPC protocol") {
  CHECK(GrpcCodeName(0) == "OK");
  CHECK(GrpcCodeName(4) == "DEADLINE_EXCEEDED");
  CHECK(GrpcCodeName(14) == "UNAVAILABLE");
  CHECK(GrpcCodeName(16) == "UNAUTHENTICATED");
  CHECK(GrpcCodeName(17) == "UNKNOWN");
  CHECK(GrpcCodeName(-1) == "UNKNOWN");
}

TEST_CASE("metrics of two servers in one process share the registry's families") {
  prometheus::Registry registry;
  GrpcMetrics first(registry, "risk");
  GrpcMetrics second(registry, "cites");
  first.Observe("/greenlane.v1.Risk/Assess", 0, 0.01);
  second.Observe("/greenlane.v1.Cites/Validate", 0, 0.01);

  const std::string text = Serialize(registry);
  CHECK_THAT(text, Contains(R"(grpc_method="/greenlane.v1.Risk/Assess",service="risk"} 1)"));
  CHECK_THAT(text, Contains(R"(grpc_method="/greenlane.v1.Cites/Validate",service="cites"} 1)"));
  CHECK(PromtoolCheck(text) == 0);
}

TEST_CASE("observations from many threads are all counted") {
  prometheus::Registry registry;
  HttpMetrics http(registry, "api");
  constexpr int kThreads = 4;
  constexpr int kPerThread = 5000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&http, t] {
      for (int i = 0; i < kPerThread; ++i) http.Observe("GET", "/v1/route" + std::to_string(i % 3), 200 + t % 2, 0.001);
    });
  }
  for (auto& thread : threads) thread.join();

  double total = 0;
  for (const auto& family : registry.Collect()) {
    if (family.name != "greenlane_http_requests_total") continue;
    for (const auto& metric : family.metric) total += metric.counter.value;
  }
  CHECK(total == kThreads * kPerThread);
}

TEST_CASE("the default registry is one per process") {
  CHECK(DefaultRegistry() == DefaultRegistry());
  CHECK(DefaultRegistry() != nullptr);
}
