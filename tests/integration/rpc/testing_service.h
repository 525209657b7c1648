#pragma once

#include <prometheus/registry.h>

#include <memory>
#include <optional>
#include <string>

#include "greenlane/core/worker_pool.h"
#include "greenlane/rpc/server.h"
#include "testing.grpc.pb.h"

namespace greenlane::testing {

/// The Testing service, with every handler offloaded to `pool` as a real service would.
class TestingService final : public greenlane::testing::v1::Testing::CallbackService {
 public:
  explicit TestingService(core::WorkerPool& pool) : pool_(pool) {}

  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context, const v1::EchoRequest* request,
                                 v1::EchoReply* reply) override;
  grpc::ServerUnaryReactor* Fail(grpc::CallbackServerContext* context, const v1::FailRequest* request,
                                 v1::EchoReply* reply) override;
  grpc::ServerUnaryReactor* Slow(grpc::CallbackServerContext* context, const v1::SlowRequest* request,
                                 v1::EchoReply* reply) override;
  grpc::ServerUnaryReactor* GatewayOnly(grpc::CallbackServerContext* context, const v1::EchoRequest* request,
                                        v1::EchoReply* reply) override;
  grpc::ServerUnaryReactor* Later(grpc::CallbackServerContext* context, const v1::LaterRequest* request,
                                  v1::EchoReply* reply) override;

 private:
  core::WorkerPool& pool_;
};

/// A printable id of the calling thread, comparable across the wire.
std::string ThisThreadId();

/// A Testing server on 127.0.0.1 port 0 with its own worker pool and metrics registry.
struct TestingServer {
  explicit TestingServer(std::optional<rpc::TlsFiles> tls = std::nullopt, std::size_t queue_capacity = 16);

  std::string Target() const { return "127.0.0.1:" + std::to_string(port); }

  core::WorkerPool pool;
  TestingService service;
  std::shared_ptr<prometheus::Registry> registry;
  rpc::Server server;  // last: stops (and waits for handlers) before the pool goes
  unsigned short port;
};

/// GREENLANE_TEST_PKI_DIR; fails the test when it is not set.
std::string PkiDir();

/// Server files for `service` from the test PKI (mutual TLS needs the CA to check clients).
rpc::TlsFiles ServerTls(const std::string& pki_dir, const std::string& service);

/// Client files for `client` (e.g. "gateway-demo") from `pki_dir`, trusting `ca_dir`'s CA.
rpc::TlsFiles ClientTls(const std::string& pki_dir, const std::string& client, const std::string& ca_dir);

}  // namespace greenlane::testing
