// Officers and lab staff read analyzer readings and manage the device registry (issue 4); the
// data lives in greenlane-ingest, reached over gRPC with mutual TLS.
#include "api/query_params.h"
#include "api/routes.h"
#include "api/service_call.h"
#include "greenlane/v1/ingest.grpc.pb.h"

namespace greenlane::api {
namespace {

using Stub = v1::IngestService::Stub;

// ingest caps pages at 1000 as well; the facade says so before calling.
constexpr std::int64_t kMaxReadingsPage = 1000;

core::Result<v1::ListReadingsRequest> ListReadingsRequestOf(const QueryParams& params) {
  if (auto status = RejectUnknown(
          params, {"container", "declaration", "device", "kind", "from", "until", "page_size", "page_token"});
      !status.ok()) {
    return status.error();
  }
  v1::ListReadingsRequest list;
  list.set_container(StringParam(params, "container"));
  list.set_declaration(StringParam(params, "declaration"));
  list.set_device_serial(StringParam(params, "device"));
  list.set_kind(StringParam(params, "kind"));
  auto from = TimeParam(params, "from");
  if (!from.ok()) return from.error();
  if (*from) *list.mutable_captured_from() = **from;
  auto until = TimeParam(params, "until");
  if (!until.ok()) return until.error();
  if (*until) *list.mutable_captured_until() = **until;
  auto page = PageParams(params, kMaxReadingsPage);
  if (!page.ok()) return page.error();
  *list.mutable_page() = *page;
  return list;
}

http::Response ListReadings(ApiContext& context, http::Request& request) {
  auto list = ListReadingsRequestOf(request.query);
  if (!list.ok()) return http::Problem(list.error(), request.path);
  return Relay(context.downstream, context.downstream.ingest, request, &Stub::ListReadings, *list);
}

http::Response GetReading(ApiContext& context, http::Request& request) {
  v1::GetReadingRequest get;
  get.set_id(request.path_params.at("id"));
  return Relay(context.downstream, context.downstream.ingest, request, &Stub::GetReading, get);
}

http::Response ListDevices(ApiContext& context, http::Request& request) {
  if (auto status = RejectUnknown(request.query, {"office", "page_size", "page_token"}); !status.ok()) {
    return http::Problem(status.error(), request.path);
  }
  auto page = PageParams(request.query, kMaxReadingsPage);
  if (!page.ok()) return http::Problem(page.error(), request.path);
  v1::ListDevicesRequest list;
  list.set_office(StringParam(request.query, "office"));
  *list.mutable_page() = *page;
  return Relay(context.downstream, context.downstream.ingest, request, &Stub::ListDevices, list);
}

v1::AuditInfo AuditOf(const http::Request& request) {
  v1::AuditInfo audit;
  audit.set_actor(request.principal);
  audit.set_request_id(request.request_id);
  return audit;
}

http::Response RegisterDevice(ApiContext& context, http::Request& request) {
  v1::RegisterDeviceRequest registration;
  if (auto status = ParseProtoBody(request, *registration.mutable_device()); !status.ok()) {
    return http::Problem(status.error(), request.path);
  }
  *registration.mutable_audit() = AuditOf(request);
  return Relay(context.downstream, context.downstream.ingest, request, &Stub::RegisterDevice, registration);
}

http::Response RecordVerification(ApiContext& context, http::Request& request) {
  v1::RecordVerificationRequest record;
  if (auto status = ParseProtoBody(request, *record.mutable_verification()); !status.ok()) {
    return http::Problem(status.error(), request.path);
  }
  const auto& serial = request.path_params.at("serial");
  if (!record.verification().device_serial().empty() && record.verification().device_serial() != serial) {
    return http::Problem(core::Error::InvalidArgument("device_serial", "the body names device '" +
                                                                           record.verification().device_serial() +
                                                                           "' but the path names '" + serial + "'"),
                         request.path);
  }
  record.mutable_verification()->set_device_serial(serial);
  *record.mutable_audit() = AuditOf(request);
  return Relay(context.downstream, context.downstream.ingest, request, &Stub::RecordVerification, record, 201);
}

}  // namespace

std::vector<http::Route> ReadingRoutes(ApiContext& context) {
  const std::vector<std::string> readers = {"officer", "lab", "analyst", "admin"};
  return {
      BindRoute(context, "GET", "/v1/readings",
                "Analyzer readings by consignment, device, kind and capture time, paged", readers, ListReadings),
      BindRoute(context, "GET", "/v1/readings/{id}", "One analyzer reading with its raw text and normalized payload",
                readers, GetReading),
      BindRoute(context, "GET", "/v1/devices", "The analyzer registry with the latest verification, paged", readers,
                ListDevices),
      BindRoute(context, "POST", "/v1/devices", "Register an analyzer or update its registration", {"lab", "admin"},
                RegisterDevice),
      BindRoute(context, "POST", "/v1/devices/{serial}/verifications",
                "Record a verification or calibration of an analyzer", {"lab", "admin"}, RecordVerification),
  };
}

}  // namespace greenlane::api
