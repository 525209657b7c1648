#include "api/ingest_client.h"

#include "greenlane/rpc/channel.h"
#include "greenlane/rpc/status.h"

namespace greenlane::identify {
namespace {

constexpr int kPageSize = 1000;
constexpr int kMaxPages = 5;
constexpr std::int64_t kRunWindowSeconds = 24 * 3600;

[[noreturn]] void ThrowUnavailable(const grpc::Status& status, const char* call) {
  throw core::GreenlaneException(
      {core::ErrorKind::kUnavailable,
       std::string("ingest ").append(call).append(" failed: ").append(status.error_message()),
       {}});
}

}  // namespace

core::Result<v1::Reading> IngestClient::GetReading(const std::string& id) {
  grpc::ClientContext context;
  rpc::SetDeadline(context, deadline_);
  v1::GetReadingRequest request;
  request.set_id(id);
  v1::Reading reading;
  const auto status = stub_->GetReading(&context, request, &reading);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND || status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    return rpc::FromGrpcStatus(status);
  }
  if (!status.ok()) ThrowUnavailable(status, "GetReading");
  return reading;
}

std::vector<nlohmann::json> IngestClient::QpcrNeighbours(const v1::Reading& reading) {
  v1::ListReadingsRequest request;
  request.set_device_serial(reading.device_serial());
  request.set_kind("qpcr");
  request.mutable_captured_from()->set_seconds(reading.captured_at().seconds() - kRunWindowSeconds);
  request.mutable_captured_until()->set_seconds(reading.captured_at().seconds() + kRunWindowSeconds);
  request.mutable_page()->set_page_size(kPageSize);
  std::vector<nlohmann::json> payloads;
  for (int page = 0; page < kMaxPages; ++page) {
    grpc::ClientContext context;
    rpc::SetDeadline(context, deadline_);
    v1::ListReadingsResponse response;
    const auto status = stub_->ListReadings(&context, request, &response);
    if (!status.ok()) ThrowUnavailable(status, "ListReadings");
    for (const auto& neighbour : response.readings()) {
      auto payload = nlohmann::json::parse(neighbour.payload_json(), nullptr, false);
      if (!payload.is_discarded()) payloads.push_back(std::move(payload));
    }
    if (response.page().next_page_token().empty()) break;
    request.mutable_page()->set_page_token(response.page().next_page_token());
  }
  return payloads;
}

}  // namespace greenlane::identify
