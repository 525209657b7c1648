#pragma once

#include <grpcpp/channel.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "greenlane/core/error.h"
#include "greenlane/v1/ingest.grpc.pb.h"

namespace greenlane::identify {

/// What identify asks greenlane-ingest: a reading's payload, and the other wells of a qPCR run.
/// The event ingest.reading.accepted carries only the reading's id and consignment; its payload
/// (up to thousands of peaks) stays in ingest, the one owner of readings.
class IngestClient {
 public:
  IngestClient(std::shared_ptr<grpc::Channel> channel, std::chrono::milliseconds deadline)
      : stub_(v1::IngestService::NewStub(std::move(channel))), deadline_(deadline) {}

  /// kNotFound when ingest has no such reading; throws core::GreenlaneException (kUnavailable)
  /// when ingest cannot be reached, so the event is retried.
  core::Result<v1::Reading> GetReading(const std::string& id);

  /// Payloads of the qPCR readings of `reading`'s device captured within a day of it (a run's
  /// wells are exported together); the caller keeps those of the same run. At most 5000.
  std::vector<nlohmann::json> QpcrNeighbours(const v1::Reading& reading);

 private:
  std::unique_ptr<v1::IngestService::Stub> stub_;
  std::chrono::milliseconds deadline_;
};

}  // namespace greenlane::identify
