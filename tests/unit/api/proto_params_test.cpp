#include "api/proto_params.h"

#include <catch2/catch.hpp>

#include "greenlane/v1/ingest.pb.h"

using namespace greenlane::api;
using Catch::Matchers::Contains;
namespace v1 = greenlane::v1;

TEST_CASE("URL parameters fill the request message by field name, paging into page") {
  v1::ListReadingsRequest request;
  const auto status = ApplyParams({{"container", "MSKU4421908"},
                                   {"captured_from", "2026-11-20T08:00:00Z"},
                                   {"page_size", "25"},
                                   {"page_token", "abc"}},
                                  request, ParamSource::kQuery);
  REQUIRE(status.ok());
  CHECK(request.container() == "MSKU4421908");
  CHECK(request.captured_from().seconds() == 1795161600);
  CHECK(request.page().page_size() == 25);
  CHECK(request.page().page_token() == "abc");
}

TEST_CASE("unknown, ill-typed and unsupported parameters are refused naming them") {
  v1::ListReadingsRequest request;
  auto unknown = ApplyParams({{"colour", "red"}}, request, ParamSource::kQuery);
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().field == "colour");
  CHECK_THAT(unknown.error().message, Contains("container"));
  CHECK_THAT(unknown.error().message, Contains("page_size"));

  auto size = ApplyParams({{"page_size", "ten"}}, request, ParamSource::kQuery);
  REQUIRE_FALSE(size.ok());
  CHECK(size.error().field == "page_size");
  auto time = ApplyParams({{"captured_until", "yesterday"}}, request, ParamSource::kQuery);
  REQUIRE_FALSE(time.ok());
  CHECK_THAT(time.error().message, Contains("RFC 3339"));
  auto nested = ApplyParams({{"page", "x"}}, request, ParamSource::kQuery);
  CHECK_FALSE(nested.ok());

  v1::GetReadingRequest get;
  auto unpaged = ApplyParams({{"page_size", "10"}}, get, ParamSource::kQuery);
  REQUIRE_FALSE(unpaged.ok());
  CHECK_THAT(unpaged.error().message, Contains("not paged"));
}

TEST_CASE("a path parameter may not contradict the body") {
  v1::GetReadingRequest request;
  request.set_id("01a2");
  CHECK(ApplyParams({{"id", "01a2"}}, request, ParamSource::kPath).ok());
  const auto clash = ApplyParams({{"id", "ffff"}}, request, ParamSource::kPath);
  REQUIRE_FALSE(clash.ok());
  CHECK_THAT(clash.error().message, Contains("the path names id 'ffff' but the body says '01a2'"));
}
