#include "interceptors.h"

#include <grpcpp/generic/async_generic_service.h>

#include <chrono>
#include <string>

#include "greenlane/core/log.h"
#include "greenlane/core/uuid.h"
#include "greenlane/rpc/auth.h"
#include "greenlane/rpc/request_id.h"

namespace greenlane::rpc::internal {
namespace {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::InterceptorBatchMethods;
using grpc::experimental::ServerRpcInfo;
using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

bool IsServerFault(grpc::StatusCode code) {
  return code == grpc::StatusCode::INTERNAL || code == grpc::StatusCode::UNKNOWN || code == grpc::StatusCode::DATA_LOSS;
}

// The method as a metric label. rpc::Server registers no generic service, so a call with a generic
// context is one gRPC answers UNIMPLEMENTED; its name is whatever the client sent and must not
// become a label, or any client could create series without bound.
std::string MethodLabel(ServerRpcInfo* info) {
  auto* context = info->server_context();
  const bool unregistered = dynamic_cast<grpc::GenericCallbackServerContext*>(context) != nullptr ||
                            dynamic_cast<grpc::GenericServerContext*>(context) != nullptr;
  return unregistered ? "unknown" : info->method();
}

class LoggingInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit LoggingInterceptor(ServerRpcInfo* info) : info_(info), start_(Clock::now()) {}

  void Intercept(InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      AssignRequestId(*methods->GetRecvInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace(kRequestIdKey, request_id_);
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      Log(methods->GetSendStatus());
    }
    methods->Proceed();
  }

 private:
  // Handlers read the id from the client metadata, so a replacement id goes there too. The map
  // holds string_refs: request_id_ lives as long as the call and is not changed after this.
  void AssignRequestId(std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
    const grpc::string_ref key(kRequestIdKey.data(), kRequestIdKey.size());
    if (auto it = metadata.find(key); it != metadata.end() && metadata.count(key) == 1 &&
                                      IsWellFormedRequestId({it->second.data(), it->second.size()})) {
      request_id_.assign(it->second.data(), it->second.size());
      return;
    }
    metadata.erase(key);
    request_id_ = core::Uuid::NewV7().ToString();
    metadata.emplace(key, grpc::string_ref(request_id_));
  }

  void Log(const grpc::Status& status) {
    const auto* context = info_->server_context();
    nlohmann::json fields = {
        {"method", info_->method()},
        {"peer", context->peer()},
        {"code", metrics::GrpcCodeName(status.error_code())},
        {"duration_ms", SecondsSince(start_) * 1000.0},
    };
    if (auto caller = PeerIdentity(*context)) fields["caller"] = *caller;
    if (!status.error_message().empty()) fields["error"] = status.error_message();
    log::RequestScope scope(request_id_);
    log::Write(IsServerFault(status.error_code()) ? log::Level::kError : log::Level::kInfo, "rpc", fields);
  }

  ServerRpcInfo* info_;
  Clock::time_point start_;
  std::string request_id_;
};

class MetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  MetricsInterceptor(ServerRpcInfo* info, metrics::GrpcMetrics& metrics)
      : method_(MethodLabel(info)), metrics_(metrics), start_(Clock::now()) {}

  void Intercept(InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      metrics_.Observe(method_, methods->GetSendStatus().error_code(), SecondsSince(start_));
    }
    methods->Proceed();
  }

 private:
  std::string method_;
  metrics::GrpcMetrics& metrics_;
  Clock::time_point start_;
};

}  // namespace

grpc::experimental::Interceptor* LoggingInterceptorFactory::CreateServerInterceptor(ServerRpcInfo* info) {
  return new LoggingInterceptor(info);
}

grpc::experimental::Interceptor* MetricsInterceptorFactory::CreateServerInterceptor(ServerRpcInfo* info) {
  return new MetricsInterceptor(info, metrics_);
}

}  // namespace greenlane::rpc::internal
