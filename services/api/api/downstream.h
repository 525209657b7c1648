#pragma once

#include <grpcpp/channel.h>

#include <chrono>
#include <memory>
#include <string>

#include "greenlane/rpc/tls.h"

namespace greenlane::api {

/// Where the services behind the facade listen and how the facade proves itself to them (the dev
/// PKI's clients/service-api certificate). An empty address leaves that service's routes answering
/// 503 with the variable to set, so the facade can run before every service exists.
struct DownstreamSettings {
  std::string ingest, timber, cites, identify, risk;  ///< "host:port" or a gRPC target URI
  rpc::TlsFiles tls;                        ///< mutual TLS when cert_file is set; insecure when ca_file is empty
  std::chrono::milliseconds timeout{5000};  ///< deadline of every call
};

/// One long-lived channel per configured service, made at start-up (DESIGN §6: channels reused).
struct Downstream {
  explicit Downstream(const DownstreamSettings& settings);

  struct Service {
    const char* name;                        ///< "ingest"
    const char* variable;                    ///< GREENLANE_API_INGEST_ADDRESS, named in the 503 when unset
    std::shared_ptr<grpc::Channel> channel;  ///< null when not configured
  };
  Service ingest, timber, cites, identify, risk;
  std::chrono::milliseconds timeout;
};

}  // namespace greenlane::api
