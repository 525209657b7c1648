#include "api/ingest_service.h"

#include "api/convert.h"
#include "api/upload_reactor.h"
#include "domain/paging.h"
#include "greenlane/core/log.h"
#include "greenlane/rpc/auth.h"
#include "greenlane/rpc/offload.h"
#include "greenlane/rpc/status.h"

namespace greenlane::ingest {
namespace {

// Other services may query and keep the registry; gateways only upload.
const std::vector<std::string> kServiceCallers = {"service-"};

Actor ActorOf(const v1::AuditInfo& audit) {
  return {audit.actor(), audit.request_id().empty() ? log::CurrentRequestId() : audit.request_id()};
}

}  // namespace

grpc::ServerBidiReactor<v1::UploadBatch, v1::UploadAck>* IngestService::Upload(grpc::CallbackServerContext* context) {
  return new UploadReactor(context, pool_, readings_, metrics_, upload_limits_);
}

grpc::ServerUnaryReactor* IngestService::GetReading(grpc::CallbackServerContext* context,
                                                    const v1::GetReadingRequest* request, v1::Reading* response) {
  return rpc::Offload(context, pool_, [=, this] {
    if (auto status = rpc::RequirePeer(*context, kServiceCallers); !status.ok()) return status;
    const auto reading = readings_.Get(request->id());
    if (!reading.ok()) return rpc::ToGrpcStatus(reading.error());
    ToProto(*reading, response);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* IngestService::ListReadings(grpc::CallbackServerContext* context,
                                                      const v1::ListReadingsRequest* request,
                                                      v1::ListReadingsResponse* response) {
  return rpc::Offload(context, pool_, [=, this] {
    if (auto status = rpc::RequirePeer(*context, kServiceCallers); !status.ok()) return status;
    ReadingStore::ListQuery query{
        request->container(), request->declaration(), request->device_serial(),    request->kind(),
        std::nullopt,         std::nullopt,           request->page().page_size(), request->page().page_token()};
    if (request->has_captured_from()) query.captured_from = FromProto(request->captured_from());
    if (request->has_captured_until()) query.captured_until = FromProto(request->captured_until());
    const auto page = readings_.List(query);
    if (!page.ok()) return rpc::ToGrpcStatus(page.error());
    for (const auto& reading : page->readings) ToProto(reading, response->add_readings());
    response->mutable_page()->set_next_page_token(page->next_page_token);
    response->mutable_page()->set_total_size(-1);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* IngestService::RegisterDevice(grpc::CallbackServerContext* context,
                                                        const v1::RegisterDeviceRequest* request,
                                                        v1::Device* response) {
  return rpc::Offload(context, pool_, [=, this] {
    if (auto status = rpc::RequirePeer(*context, kServiceCallers); !status.ok()) return status;
    const auto device = devices_.Register(FromProto(request->device()), ActorOf(request->audit()));
    if (!device.ok()) return rpc::ToGrpcStatus(device.error());
    ToProto(*device, IsVerificationOverdue(*device, clock_.Now()), response);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* IngestService::RecordVerification(grpc::CallbackServerContext* context,
                                                            const v1::RecordVerificationRequest* request,
                                                            v1::Verification* response) {
  return rpc::Offload(context, pool_, [=, this] {
    if (auto status = rpc::RequirePeer(*context, kServiceCallers); !status.ok()) return status;
    const auto verification =
        devices_.RecordVerification(FromProto(request->verification()), ActorOf(request->audit()));
    if (!verification.ok()) return rpc::ToGrpcStatus(verification.error());
    ToProto(*verification, response);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* IngestService::ListDevices(grpc::CallbackServerContext* context,
                                                     const v1::ListDevicesRequest* request,
                                                     v1::ListDevicesResponse* response) {
  return rpc::Offload(context, pool_, [=, this] {
    if (auto status = rpc::RequirePeer(*context, kServiceCallers); !status.ok()) return status;
    const auto page_size = PageSizeOf(request->page().page_size());
    if (!page_size.ok()) return rpc::ToGrpcStatus(page_size.error());
    std::string after;
    if (!request->page().page_token().empty()) {
      auto cursor = DecodeSerialCursor(request->page().page_token());
      if (!cursor.ok()) return rpc::ToGrpcStatus(cursor.error());
      after = std::move(*cursor);
    }
    auto devices = devices_.List(request->office(), after, *page_size + 1);
    if (static_cast<int>(devices.size()) > *page_size) {
      devices.pop_back();
      response->mutable_page()->set_next_page_token(EncodeSerialCursor(devices.back().serial));
    }
    const auto now = clock_.Now();
    for (const auto& device : devices) ToProto(device, IsVerificationOverdue(device, now), response->add_devices());
    response->mutable_page()->set_total_size(-1);
    return grpc::Status::OK;
  });
}

}  // namespace greenlane::ingest
