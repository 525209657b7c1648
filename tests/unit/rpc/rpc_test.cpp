#include <catch2/catch.hpp>
#include <string>

#include "greenlane/core/config.h"
#include "greenlane/core/error.h"
#include "greenlane/rpc/channel.h"
#include "greenlane/rpc/request_id.h"
#include "greenlane/rpc/server.h"
#include "greenlane/rpc/status.h"

using namespace greenlane;
using Catch::Matchers::Contains;

TEST_CASE("errors map to gRPC statuses through the shared table, naming the field") {
  const auto invalid = rpc::ToGrpcStatus(core::Error::InvalidArgument("/items/0/quantity", "must be positive, got -3"));
  CHECK(invalid.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(invalid.error_message() == "/items/0/quantity: must be positive, got -3");

  const auto missing = rpc::ToGrpcStatus(core::Error::NotFound("permit GA-CITES-2026-000042 does not exist"));
  CHECK(missing.error_code() == grpc::StatusCode::NOT_FOUND);
  CHECK(missing.error_message() == "permit GA-CITES-2026-000042 does not exist");

  CHECK(rpc::ToGrpcStatus({core::ErrorKind::kRateLimited, "slow down", {}}).error_code() ==
        grpc::StatusCode::RESOURCE_EXHAUSTED);
  CHECK(rpc::ToGrpcStatus({core::ErrorKind::kUnavailable, "db down", {}}).error_code() ==
        grpc::StatusCode::UNAVAILABLE);
  CHECK(rpc::ToGrpcStatus(core::Error::PermissionDenied("not your permit")).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  CHECK(rpc::ToGrpcStatus(core::Error::Unauthenticated("no token")).error_code() == grpc::StatusCode::UNAUTHENTICATED);
}

TEST_CASE("a relayed gRPC status becomes the same error kind, with its field when it names one") {
  const auto invalid = rpc::FromGrpcStatus(
      rpc::ToGrpcStatus(core::Error::InvalidArgument("/items/0/quantity", "must be positive, got -3")));
  CHECK(invalid.kind == core::ErrorKind::kInvalidArgument);
  CHECK(invalid.field == "/items/0/quantity");
  CHECK(invalid.message == "must be positive, got -3");

  const auto prose = rpc::FromGrpcStatus({grpc::StatusCode::NOT_FOUND, "permit GA-1 does not exist: check the number"});
  CHECK(prose.kind == core::ErrorKind::kNotFound);
  CHECK(prose.field.empty());
  CHECK(prose.message == "permit GA-1 does not exist: check the number");

  CHECK(rpc::FromGrpcStatus({grpc::StatusCode::UNAVAILABLE, "x"}).kind == core::ErrorKind::kUnavailable);
  CHECK(rpc::FromGrpcStatus({grpc::StatusCode::DEADLINE_EXCEEDED, "x"}).kind == core::ErrorKind::kDeadlineExceeded);
  CHECK(rpc::FromGrpcStatus({grpc::StatusCode::RESOURCE_EXHAUSTED, "x"}).kind == core::ErrorKind::kRateLimited);
  CHECK(rpc::FromGrpcStatus({grpc::StatusCode::DATA_LOSS, "x"}).kind == core::ErrorKind::kInternal);
}

TEST_CASE("caller request ids are accepted only when short and plain") {
  CHECK(rpc::IsWellFormedRequestId("01930a4e-7b1c-7d2e-8f00-123456789abc"));
  CHECK(rpc::IsWellFormedRequestId("sw:batch_7.item-3"));
  CHECK_FALSE(rpc::IsWellFormedRequestId(""));
  CHECK_FALSE(rpc::IsWellFormedRequestId(std::string(129, 'a')));
  CHECK(rpc::IsWellFormedRequestId(std::string(128, 'a')));
  CHECK_FALSE(rpc::IsWellFormedRequestId("abc\n{\"level\":\"error\"}"));
  CHECK_FALSE(rpc::IsWellFormedRequestId("id with spaces"));
}

TEST_CASE("a channel with an unreadable TLS file fails at start-up naming the file") {
  rpc::ChannelOptions options{.target = "127.0.0.1:1", .tls = rpc::TlsFiles{.ca_file = "/nonexistent/ca.crt"}};
  CHECK_THROWS_AS(rpc::MakeChannel(options), core::ConfigError);
  CHECK_THROWS_WITH(rpc::MakeChannel(options), Contains("/nonexistent/ca.crt"));
}

TEST_CASE("a client certificate without its key is a configuration error") {
  rpc::ChannelOptions options{.target = "127.0.0.1:1",
                              .tls = rpc::TlsFiles{.ca_file = "/etc/hostname", .cert_file = "/tmp/gateway.crt"}};
  CHECK_THROWS_AS(rpc::MakeChannel(options), core::ConfigError);
}

TEST_CASE("a TLS file that is not PEM is refused") {
  rpc::ChannelOptions options{.target = "127.0.0.1:1", .tls = rpc::TlsFiles{.ca_file = "/etc/hostname"}};
  CHECK_THROWS_WITH(rpc::MakeChannel(options), Contains("is not PEM"));
}

TEST_CASE("a server whose key file is missing fails to start naming the file") {
  rpc::Server server({.tls = rpc::TlsFiles{.ca_file = "/nonexistent/ca.crt",
                                           .cert_file = "/nonexistent/api.crt",
                                           .key_file = "/nonexistent/api.key"},
                      .service_name = "api",
                      .registry = std::make_shared<prometheus::Registry>()});
  CHECK_THROWS_AS(server.Start(), core::ConfigError);
  CHECK_THROWS_WITH(server.Start(), Contains("/nonexistent/"));
  CHECK(server.health() == nullptr);
}

TEST_CASE("making a channel does not connect until the first call") {
  auto channel = rpc::MakeChannel({.target = "127.0.0.1:1"});
  REQUIRE(channel != nullptr);
  // Services make their channels at start-up, before their dependencies are necessarily up.
  CHECK(channel->GetState(false) == GRPC_CHANNEL_IDLE);
}
