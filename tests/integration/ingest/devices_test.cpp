#include <catch2/catch.hpp>

#include "greenlane/rpc/channel.h"
#include "ingest_fixture.h"

using namespace ingest_test;

namespace {

void SetTime(google::protobuf::Timestamp* out, const std::string& rfc3339) {
  out->set_seconds(greenlane::core::ToUnixSeconds(*greenlane::core::ParseRfc3339(rfc3339)));
}

grpc::Status Register(greenlane::v1::IngestService::Stub& stub, const std::string& serial) {
  grpc::ClientContext context;
  greenlane::rpc::SetDeadline(context, std::chrono::seconds(10));
  greenlane::v1::RegisterDeviceRequest request;
  auto* device = request.mutable_device();
  device->set_serial(serial);
  device->set_kind("xrf");
  device->set_model("Vanta C");
  device->set_office("Callao");
  device->set_gateway_id("gateway-demo");
  request.mutable_audit()->set_actor("officer-3");
  greenlane::v1::Device response;
  return stub.RegisterDevice(&context, request, &response);
}

grpc::Status Verify(greenlane::v1::IngestService::Stub& stub, const std::string& serial, const std::string& next_due) {
  grpc::ClientContext context;
  greenlane::rpc::SetDeadline(context, std::chrono::seconds(10));
  greenlane::v1::RecordVerificationRequest request;
  auto* v = request.mutable_verification();
  v->set_device_serial(serial);
  SetTime(v->mutable_performed_at(), "2026-05-01T00:00:00Z");
  v->set_result("pass");
  v->set_reference_material("NIST SRM 2586");
  SetTime(v->mutable_next_due(), next_due);
  request.mutable_audit()->set_actor("lab-1");
  greenlane::v1::Verification response;
  return stub.RecordVerification(&context, request, &response);
}

std::vector<std::string> FlagsOf(IngestFixture& f, const std::string& serial) {
  auto stub = f.Stub("service-api");
  grpc::ClientContext context;
  greenlane::v1::ListReadingsRequest request;
  request.set_device_serial(serial);
  greenlane::v1::ListReadingsResponse response;
  REQUIRE(stub->ListReadings(&context, request, &response).ok());
  REQUIRE(response.readings_size() == 1);
  return {response.readings(0).flags().begin(), response.readings(0).flags().end()};
}

}  // namespace

TEST_CASE("readings are flagged by the device registry: unknown device, overdue verification") {
  IngestFixture f;
  auto service = f.Stub("service-api");
  REQUIRE(Register(*service, "VAN-CURRENT").ok());
  REQUIRE(Verify(*service, "VAN-CURRENT", "2027-05-01T00:00:00Z").ok());
  REQUIRE(Register(*service, "VAN-OVERDUE").ok());
  REQUIRE(Verify(*service, "VAN-OVERDUE", "2026-11-01T00:00:00Z").ok());

  const auto result = Upload(*f.Stub(), {Batch({MakeReading(1, "1", 0, "MSKU4421908", "VAN-CURRENT"),
                                                MakeReading(2, "1", 0, "MSKU4421908", "VAN-OVERDUE"),
                                                MakeReading(3, "1", 0, "MSKU4421908", "VAN-NOBODY")})});
  REQUIRE(result.acks.at(0).accepted() == 3);
  CHECK(FlagsOf(f, "VAN-CURRENT").empty());
  CHECK(FlagsOf(f, "VAN-OVERDUE") == std::vector<std::string>{"verification_overdue"});
  CHECK(FlagsOf(f, "VAN-NOBODY") == std::vector<std::string>{"unknown_device"});
  CHECK(f.Count("SELECT count(*) FROM ingest.outbox WHERE payload->'flags' ? 'verification_overdue'") == 1);
}

TEST_CASE("the registry lists devices by office with their verification, and every change is audited") {
  IngestFixture f;
  auto service = f.Stub("service-api");
  for (const auto* serial : {"VAN-A", "VAN-B", "VAN-C"}) REQUIRE(Register(*service, serial).ok());
  REQUIRE(Verify(*service, "VAN-B", "2027-05-01T00:00:00Z").ok());
  REQUIRE(Register(*service, "VAN-A").ok());  // an update

  greenlane::v1::ListDevicesRequest request;
  request.set_office("Callao");
  request.mutable_page()->set_page_size(2);
  std::vector<greenlane::v1::Device> devices;
  for (int page = 0; page < 3; ++page) {
    grpc::ClientContext context;
    greenlane::v1::ListDevicesResponse response;
    REQUIRE(service->ListDevices(&context, request, &response).ok());
    devices.insert(devices.end(), response.devices().begin(), response.devices().end());
    if (response.page().next_page_token().empty()) break;
    request.mutable_page()->set_page_token(response.page().next_page_token());
  }
  REQUIRE(devices.size() == 3);
  CHECK(devices[0].serial() == "VAN-A");
  CHECK(devices[0].verification_overdue());  // never verified
  CHECK(devices[1].serial() == "VAN-B");
  CHECK_FALSE(devices[1].verification_overdue());
  CHECK(devices[1].last_verification().reference_material() == "NIST SRM 2586");

  CHECK(f.Count("SELECT count(*) FROM ingest.audit_log") == 5);
  CHECK(f.Count("SELECT count(*) FROM ingest.audit_log WHERE action = 'device.updated' AND actor = 'officer-3'") == 1);
  CHECK(f.Count("SELECT count(*) FROM ingest.audit_log WHERE action = 'device.verified' AND actor = 'lab-1'") == 1);
}

TEST_CASE("registry changes name what is wrong, and gateways may not make them") {
  IngestFixture f;
  CHECK(Register(*f.Stub("gateway-demo"), "VAN-A").error_code() == grpc::StatusCode::PERMISSION_DENIED);
  const auto unknown = Verify(*f.Stub("service-api"), "VAN-NONE", "2027-05-01T00:00:00Z");
  CHECK(unknown.error_code() == grpc::StatusCode::NOT_FOUND);
  CHECK_THAT(unknown.error_message(), Catch::Contains("VAN-NONE"));
  REQUIRE(Register(*f.Stub("service-api"), "VAN-A").ok());
  const auto backwards = Verify(*f.Stub("service-api"), "VAN-A", "2026-01-01T00:00:00Z");
  CHECK(backwards.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(backwards.error_message(), Catch::Contains("verification.next_due"));
}
