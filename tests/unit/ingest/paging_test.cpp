#include "domain/paging.h"

#include <catch2/catch.hpp>

#include "greenlane/core/uuid.h"
#include "greenlane/security/base64url.h"

using namespace greenlane::ingest;

TEST_CASE("page sizes default, cap and refuse negatives") {
  CHECK(*PageSizeOf(0) == kDefaultPageSize);
  CHECK(*PageSizeOf(5) == 5);
  CHECK(*PageSizeOf(1000000) == kMaxPageSize);
  CHECK(PageSizeOf(-1).error().field == "page.page_size");
}

TEST_CASE("a reading cursor survives its token") {
  const ReadingCursor cursor{*greenlane::core::ParseRfc3339("2026-11-20T08:15:30.123456Z"),
                             greenlane::core::Uuid::NewV7().ToString()};
  const auto decoded = DecodeReadingCursor(EncodeReadingCursor(cursor));
  REQUIRE(decoded.ok());
  CHECK(decoded->captured_at == cursor.captured_at);
  CHECK(decoded->id == cursor.id);
}

TEST_CASE("tokens not made by this list are refused") {
  using greenlane::security::Base64UrlEncode;
  for (const auto& token :
       {std::string("garbage!"), Base64UrlEncode("r1:12:not-a-uuid"),
        Base64UrlEncode("r1:99999999999999999999:0190b0a4-0000-7000-8000-000000000000"), EncodeSerialCursor("VAN-1")}) {
    INFO(token);
    CHECK(DecodeReadingCursor(token).error().field == "page.page_token");
  }
  CHECK(*DecodeSerialCursor(EncodeSerialCursor("VAN-1")) == "VAN-1");
  CHECK_FALSE(DecodeSerialCursor(Base64UrlEncode("r1:1:x")).ok());
}
