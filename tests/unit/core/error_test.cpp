#include "greenlane/core/error.h"

#include <catch2/catch.hpp>

using namespace greenlane::core;

TEST_CASE("every error kind maps to its gRPC code and HTTP status") {
  CHECK(MappingOf(ErrorKind::kInvalidArgument).http_status == 400);
  CHECK(MappingOf(ErrorKind::kInvalidArgument).grpc_code == 3);
  CHECK(MappingOf(ErrorKind::kNotFound).http_status == 404);
  CHECK(MappingOf(ErrorKind::kUnauthenticated).http_status == 401);
  CHECK(MappingOf(ErrorKind::kUnauthenticated).grpc_code == 16);
  CHECK(MappingOf(ErrorKind::kPermissionDenied).http_status == 403);
  CHECK(MappingOf(ErrorKind::kRateLimited).http_status == 429);
  CHECK(MappingOf(ErrorKind::kRateLimited).grpc_code == 8);
  CHECK(MappingOf(ErrorKind::kPayloadTooLarge).http_status == 413);
  CHECK(MappingOf(ErrorKind::kUnavailable).grpc_code == 14);
  CHECK(MappingOf(ErrorKind::kInternal).http_status == 500);
  CHECK(MappingOf(ErrorKind::kFailedPrecondition).name == "failed-precondition");
}

TEST_CASE("Result holds a value or an error") {
  Result<int> good = 42;
  REQUIRE(good.ok());
  CHECK(*good == 42);
  Result<int> bad = Error::InvalidArgument("quantity", "must be positive, got -1");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().field == "quantity");
  CHECK(bad.error().kind == ErrorKind::kInvalidArgument);
  Status status = Error::NotFound("permit GA-1 does not exist");
  CHECK_FALSE(status.ok());
  CHECK(Status::Ok().ok());
}
