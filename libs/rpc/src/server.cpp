#include "greenlane/rpc/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/impl/server_builder_option.h>
#include <grpcpp/impl/server_builder_plugin.h>
#include <grpcpp/impl/server_initializer.h>
#include <grpcpp/server_builder.h>

#include <mutex>
#include <stdexcept>

#include "abseil_mutexes.h"
#include "credentials.h"
#include "greenlane/core/error.h"
#include "greenlane/core/log.h"
#include "greenlane/metrics/grpc_metrics.h"
#include "greenlane/metrics/registry.h"
#include "interceptors.h"
#include "keepalive.h"

namespace greenlane::rpc {
namespace {

// grpc::Service does not expose its name, but the server's list of registered service names is
// handed to builder plugins; this one copies it out so that health can report each by name.
class ServiceNamesPlugin final : public grpc::ServerBuilderPlugin {
 public:
  explicit ServiceNamesPlugin(std::vector<std::string>* names) : names_(names) {}
  std::string name() override { return "greenlane_service_names"; }
  void InitServer(grpc::ServerInitializer* /*initializer*/) override {}
  void Finish(grpc::ServerInitializer* initializer) override { *names_ = *initializer->GetServiceList(); }
  void ChangeArguments(const std::string& /*name*/, void* /*value*/) override {}

 private:
  std::vector<std::string>* names_;
};

class ServiceNamesOption final : public grpc::ServerBuilderOption {
 public:
  explicit ServiceNamesOption(std::vector<std::string>* names) : names_(names) {}
  void UpdateArguments(grpc::ChannelArguments* /*args*/) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>* plugins) override {
    plugins->push_back(std::make_unique<ServiceNamesPlugin>(names_));
  }

 private:
  std::vector<std::string>* names_;
};

// Both switches are process-wide in gRPC; they only affect servers built afterwards.
void EnableStandardServices() {
  static std::once_flag once;
  std::call_once(once, [] {
    grpc::EnableDefaultHealthCheckService(true);
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  });
}

std::string ListenAddress(const ServerOptions& options) {
  const bool ipv6 = options.address.find(':') != std::string::npos;
  return (ipv6 ? "[" + options.address + "]" : options.address) + ":" + std::to_string(options.port);
}

}  // namespace

Server::Server(ServerOptions options) : options_(std::move(options)) {
  internal::DisableAbseilDeadlockDetection();
  if (options_.registry == nullptr) options_.registry = metrics::DefaultRegistry();
  metrics_ = std::make_unique<metrics::GrpcMetrics>(*options_.registry, options_.service_name);
}

Server::~Server() { Shutdown(std::chrono::milliseconds(0)); }

void Server::AddService(grpc::Service* service) {
  if (server_ != nullptr) throw std::logic_error("rpc::Server::AddService called after Start()");
  services_.push_back(service);
}

unsigned short Server::Start() {
  if (server_ != nullptr) throw std::logic_error("rpc::Server::Start called twice");
  EnableStandardServices();
  const std::string address = ListenAddress(options_);

  grpc::ServerBuilder builder;
  int bound_port = 0;
  builder.AddListeningPort(address, internal::MakeServerCredentials(options_.tls, options_.require_client_cert),
                           &bound_port);
  for (auto* service : services_) builder.RegisterService(service);
  builder.SetMaxReceiveMessageSize(options_.max_message_bytes);
  builder.SetMaxSendMessageSize(options_.max_message_bytes);
  // gRPC sets SO_REUSEPORT by default: a second instance on a taken port would then start
  // "fine" and silently share the traffic. Failing to bind is the right answer.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, internal::kServerMinPingIntervalMs);

  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<internal::LoggingInterceptorFactory>());
  interceptors.push_back(std::make_unique<internal::MetricsInterceptorFactory>(*metrics_));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));

  std::vector<std::string> service_names;
  builder.SetOption(std::make_unique<ServiceNamesOption>(&service_names));

  server_ = builder.BuildAndStart();
  if (server_ == nullptr || bound_port == 0) {
    server_.reset();
    throw core::GreenlaneException(
        core::Error{core::ErrorKind::kUnavailable,
                    "rpc: cannot listen on " + address + " (port in use, or not an address of this host)", "address"});
  }

  auto* health_service = server_->GetHealthCheckService();
  health_service->SetServingStatus(true);
  if (!options_.service_name.empty()) health_service->SetServingStatus(options_.service_name, true);
  for (const auto& name : service_names) health_service->SetServingStatus(name, true);

  log::Info("rpc server listening", {{"address", options_.address},
                                     {"port", bound_port},
                                     {"tls", options_.tls.has_value()},
                                     {"mutual_tls", options_.tls.has_value() && options_.require_client_cert},
                                     {"services", service_names}});
  return static_cast<unsigned short>(bound_port);
}

void Server::Shutdown(std::chrono::milliseconds grace) {
  if (server_ == nullptr) return;
  server_->GetHealthCheckService()->Shutdown();
  server_->Shutdown(std::chrono::system_clock::now() + grace);
  server_->Wait();
  server_.reset();
}

grpc::HealthCheckServiceInterface* Server::health() {
  return server_ == nullptr ? nullptr : server_->GetHealthCheckService();
}

}  // namespace greenlane::rpc
