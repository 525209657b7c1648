#include <catch2/catch.hpp>
#include <set>

#include "greenlane/rpc/channel.h"
#include "ingest_fixture.h"

using namespace ingest_test;

namespace {

greenlane::v1::ListReadingsResponse List(greenlane::v1::IngestService::Stub& stub,
                                         greenlane::v1::ListReadingsRequest request, grpc::Status* status = nullptr) {
  grpc::ClientContext context;
  greenlane::rpc::SetDeadline(context, std::chrono::seconds(10));
  greenlane::v1::ListReadingsResponse response;
  const auto result = stub.ListReadings(&context, request, &response);
  if (status != nullptr) *status = result;
  return response;
}

}  // namespace

TEST_CASE("readings of a container are listed newest first, page by page") {
  IngestFixture f;
  std::vector<greenlane::v1::SequencedReading> readings;
  for (int i = 1; i <= 5; ++i) readings.push_back(MakeReading(i, std::to_string(i), i));
  readings.push_back(MakeReading(6, "6", 10, "TGHU7781234"));
  REQUIRE(Upload(*f.Stub(), {Batch(readings)}).acks.at(0).accepted() == 6);

  auto stub = f.Stub("service-api");
  greenlane::v1::ListReadingsRequest request;
  request.set_container("MSKU4421908");
  request.mutable_page()->set_page_size(2);
  std::vector<std::string> numbers;
  for (int page = 0; page < 5; ++page) {
    const auto response = List(*stub, request);
    for (const auto& reading : response.readings()) numbers.push_back(reading.reading_number());
    if (response.page().next_page_token().empty()) break;
    request.mutable_page()->set_page_token(response.page().next_page_token());
  }
  CHECK(numbers == std::vector<std::string>{"5", "4", "3", "2", "1"});

  greenlane::v1::ListReadingsRequest window;
  window.set_device_serial("VAN-800123");
  window.mutable_captured_from()->set_seconds(
      greenlane::core::ToUnixSeconds(*greenlane::core::ParseRfc3339("2026-11-20T08:02:00Z")));
  window.mutable_captured_until()->set_seconds(
      greenlane::core::ToUnixSeconds(*greenlane::core::ParseRfc3339("2026-11-20T08:04:00Z")));
  const auto in_window = List(*stub, window);
  REQUIRE(in_window.readings_size() == 2);
  CHECK(in_window.readings(0).reading_number() == "3");
  CHECK(in_window.readings(1).reading_number() == "2");
  CHECK(in_window.page().next_page_token().empty());

  greenlane::v1::ListReadingsRequest other_kind;
  other_kind.set_kind("qpcr");
  CHECK(List(*stub, other_kind).readings_size() == 0);
}

TEST_CASE("a reading is read back by id with what ingest set on it") {
  IngestFixture f;
  auto reading = MakeReading(1, "1");
  reading.mutable_reading()->mutable_location()->set_latitude(-12.05);
  reading.mutable_reading()->mutable_location()->set_longitude(-77.14);
  REQUIRE(Upload(*f.Stub(), {Batch({reading})}).acks.at(0).accepted() == 1);
  auto stub = f.Stub("service-api");
  const auto listed = List(*stub, {});
  REQUIRE(listed.readings_size() == 1);

  grpc::ClientContext context;
  greenlane::rpc::SetDeadline(context, std::chrono::seconds(10));
  greenlane::v1::GetReadingRequest request;
  request.set_id(listed.readings(0).id());
  greenlane::v1::Reading got;
  REQUIRE(stub->GetReading(&context, request, &got).ok());
  CHECK(got.gateway_id() == "gateway-demo");
  CHECK(got.received_at().seconds() == greenlane::core::ToUnixSeconds(f.clock.Now()));
  CHECK(got.captured_at().seconds() == reading.reading().captured_at().seconds());
  CHECK(got.consignment().container_check_digit_valid());
  CHECK(got.location().latitude() == -12.05);
  CHECK(got.payload_json() == R"({"elements": [{"ppm": "412.5", "symbol": "Pb"}]})");
  CHECK(got.raw() == "raw line 1");
  CHECK(std::vector<std::string>(got.flags().begin(), got.flags().end()) == std::vector<std::string>{"unknown_device"});
}

TEST_CASE("queries refuse gateways, unknown ids and forged page tokens") {
  IngestFixture f;
  grpc::Status status;
  List(*f.Stub("gateway-demo"), {}, &status);
  CHECK(status.error_code() == grpc::StatusCode::PERMISSION_DENIED);

  greenlane::v1::ListReadingsRequest forged;
  forged.mutable_page()->set_page_token("not-a-token");
  List(*f.Stub("service-api"), forged, &status);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(status.error_message(), Catch::Contains("page.page_token"));

  grpc::ClientContext context;
  greenlane::v1::GetReadingRequest request;
  request.set_id("0190b0a4-0000-7000-8000-000000000000");
  greenlane::v1::Reading got;
  CHECK(f.Stub("service-api")->GetReading(&context, request, &got).error_code() == grpc::StatusCode::NOT_FOUND);
}
