#include "testing_service.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "greenlane/core/error.h"
#include "greenlane/rpc/auth.h"
#include "greenlane/rpc/caller.h"
#include "greenlane/rpc/offload.h"
#include "greenlane/rpc/request_id.h"
#include "greenlane/rpc/status.h"

namespace greenlane::testing {
namespace {

core::ErrorKind KindNamed(const std::string& name) {
  for (int k = 0; k <= static_cast<int>(core::ErrorKind::kInternal); ++k) {
    const auto kind = static_cast<core::ErrorKind>(k);
    if (core::MappingOf(kind).name == name) return kind;
  }
  throw std::invalid_argument("no error kind named '" + name + "'");
}

void FillReply(const grpc::CallbackServerContext& context, const std::string& text, v1::EchoReply* reply) {
  reply->set_text(text);
  reply->set_thread(ThisThreadId());
  reply->set_request_id(rpc::RequestId(context));
  reply->set_caller(rpc::CallerOf(context).AuditName());
}

}  // namespace

std::string ThisThreadId() {
  std::ostringstream out;
  out << std::this_thread::get_id();
  return out.str();
}

grpc::ServerUnaryReactor* TestingService::Echo(grpc::CallbackServerContext* context, const v1::EchoRequest* request,
                                               v1::EchoReply* reply) {
  return rpc::Offload(context, pool_, [=] {
    FillReply(*context, request->text(), reply);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* TestingService::Fail(grpc::CallbackServerContext* context, const v1::FailRequest* request,
                                               v1::EchoReply* /*reply*/) {
  return rpc::Offload(context, pool_, [=]() -> grpc::Status {
    const core::Error error{KindNamed(request->kind()), request->message(), request->field()};
    switch (request->how()) {
      case v1::FailRequest::THROW_GREENLANE_EXCEPTION:
        throw core::GreenlaneException(error);
      case v1::FailRequest::THROW_STD_EXCEPTION:
        throw std::runtime_error(request->message());
      default:
        return rpc::ToGrpcStatus(error);
    }
  });
}

grpc::ServerUnaryReactor* TestingService::Slow(grpc::CallbackServerContext* context, const v1::SlowRequest* request,
                                               v1::EchoReply* reply) {
  return rpc::Offload(context, pool_, [=] {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(request->millis());
    while (std::chrono::steady_clock::now() < until) {
      if (context->IsCancelled()) return grpc::Status::CANCELLED;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    FillReply(*context, "slept", reply);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* TestingService::Later(grpc::CallbackServerContext* context, const v1::LaterRequest* request,
                                                v1::EchoReply* reply) {
  return rpc::OffloadAsync(context, pool_, [=](const rpc::Finisher& finish) {
    switch (request->how()) {
      case v1::LaterRequest::DROP:
        return;
      case v1::LaterRequest::TWICE:
        FillReply(*context, "first", reply);
        finish(grpc::Status::OK);
        finish({grpc::StatusCode::INTERNAL, "second"});
        return;
      default:
        std::thread([=] {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          FillReply(*context, "later", reply);
          finish(grpc::Status::OK);
        }).detach();
    }
  });
}

grpc::ServerUnaryReactor* TestingService::GatewayOnly(grpc::CallbackServerContext* context,
                                                      const v1::EchoRequest* request, v1::EchoReply* reply) {
  return rpc::Offload(context, pool_, [=] {
    if (auto status = rpc::RequirePeer(*context, {"gateway-"}); !status.ok()) return status;
    FillReply(*context, request->text(), reply);
    return grpc::Status::OK;
  });
}

TestingServer::TestingServer(std::optional<rpc::TlsFiles> tls, std::size_t queue_capacity)
    : pool("rpc-test", 1, queue_capacity),
      service(pool),
      registry(std::make_shared<prometheus::Registry>()),
      server({.tls = std::move(tls), .service_name = "rpc-test", .registry = registry}) {
  server.AddService(&service);
  port = server.Start();
}

std::string PkiDir() {
  const char* dir = std::getenv("GREENLANE_TEST_PKI_DIR");
  if (dir == nullptr || *dir == '\0') {
    FAIL(
        "GREENLANE_TEST_PKI_DIR is not set: run the tests through scripts/test (or eval \"$(scripts/test-services "
        "start DIR)\"), which makes a development PKI with deploy/pki/make-dev-pki");
  }
  return dir;
}

rpc::TlsFiles ServerTls(const std::string& pki_dir, const std::string& service) {
  return {pki_dir + "/ca.crt", pki_dir + "/servers/" + service + ".crt", pki_dir + "/servers/" + service + ".key"};
}

rpc::TlsFiles ClientTls(const std::string& pki_dir, const std::string& client, const std::string& ca_dir) {
  return {ca_dir + "/ca.crt", pki_dir + "/clients/" + client + ".crt", pki_dir + "/clients/" + client + ".key"};
}

}  // namespace greenlane::testing
