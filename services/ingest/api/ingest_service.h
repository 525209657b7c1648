#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>

#include "api/ingest_metrics.h"
#include "api/upload_reactor.h"
#include "greenlane/core/clock.h"
#include "greenlane/core/worker_pool.h"
#include "greenlane/v1/ingest.grpc.pb.h"
#include "store/device_store.h"
#include "store/reading_store.h"

namespace greenlane::ingest {

/// greenlane.v1.IngestService. Upload is for edge gateways (client certificate CN "gateway-*");
/// queries and the device registry are for other services (CN "service-*", e.g. the REST facade,
/// which checks its own users' roles). All blocking work runs on the worker pool.
class IngestService final : public v1::IngestService::CallbackService {
 public:
  IngestService(core::WorkerPool& pool, ReadingStore& readings, DeviceStore& devices, IngestMetrics& metrics,
                const core::Clock& clock, UploadLimits upload_limits)
      : pool_(pool),
        readings_(readings),
        devices_(devices),
        metrics_(metrics),
        clock_(clock),
        upload_limits_(upload_limits) {}

  grpc::ServerBidiReactor<v1::UploadBatch, v1::UploadAck>* Upload(grpc::CallbackServerContext* context) override;
  grpc::ServerUnaryReactor* GetReading(grpc::CallbackServerContext* context, const v1::GetReadingRequest* request,
                                       v1::Reading* response) override;
  grpc::ServerUnaryReactor* ListReadings(grpc::CallbackServerContext* context, const v1::ListReadingsRequest* request,
                                         v1::ListReadingsResponse* response) override;
  grpc::ServerUnaryReactor* RegisterDevice(grpc::CallbackServerContext* context,
                                           const v1::RegisterDeviceRequest* request, v1::Device* response) override;
  grpc::ServerUnaryReactor* RecordVerification(grpc::CallbackServerContext* context,
                                               const v1::RecordVerificationRequest* request,
                                               v1::Verification* response) override;
  grpc::ServerUnaryReactor* ListDevices(grpc::CallbackServerContext* context, const v1::ListDevicesRequest* request,
                                        v1::ListDevicesResponse* response) override;

 private:
  core::WorkerPool& pool_;
  ReadingStore& readings_;
  DeviceStore& devices_;
  IngestMetrics& metrics_;
  const core::Clock& clock_;
  UploadLimits upload_limits_;
};

}  // namespace greenlane::ingest
