#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/client_context.h>

#include <functional>
#include <memory>
#include <string>

#include "api/downstream.h"
#include "greenlane/core/error.h"
#include "greenlane/http/request.h"
#include "greenlane/http/responder.h"
#include "greenlane/http/response.h"

namespace greenlane::api {

/// Reads a JSON request body into `message` by protobuf's JSON mapping (field names as in the
/// .proto or lowerCamelCase); an unknown field or a wrong type is an InvalidArgument naming it.
core::Status ParseProtoBody(const http::Request& request, google::protobuf::Message& message);

/// Prepares `call` for a request relayed to a service: the facade's deadline, the REST request id
/// (so one id ties the log lines together) and who the facade acts for (rpc::ActFor).
void PrepareCall(grpc::ClientContext& call, const Downstream& downstream, const http::Request& request);

/// 503 naming the variable to set when a service has no address.
http::Response NotConfigured(const Downstream::Service& service, const http::Request& request);

/// `ok_status` with the reply as JSON when the call succeeded, else the service's error as
/// problem+json through the shared error table (a service's INVALID_ARGUMENT stays a 400 naming
/// the field; an unreachable service is a 503). `path` is the problem's instance.
http::Response Answer(const grpc::Status& status, const google::protobuf::Message& reply, const std::string& path,
                      unsigned ok_status = 200);

/// One unary call from a REST handler: `Relay(downstream, downstream.ingest, request,
/// &IngestService::Stub::GetReading, grpc_request)`. Stubs are cheap views on the shared channel.
template <typename Stub, typename Request, typename Reply>
http::Response Relay(const Downstream& downstream, const Downstream::Service& service, const http::Request& request,
                     grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Reply*),
                     const Request& grpc_request, unsigned ok_status = 200) {
  if (!service.channel) return NotConfigured(service, request);
  grpc::ClientContext call;
  PrepareCall(call, downstream, request);
  Stub stub(service.channel);
  Reply reply;
  const auto status = (stub.*method)(&call, grpc_request, &reply);
  return Answer(status, reply, request.path, ok_status);
}

/// Relay without a thread waiting, for a route's `start`: `RelayAsync<RiskService::Stub>(downstream,
/// downstream.risk, request, &RiskService::Stub::async::Assess, grpc_request, std::move(respond))`.
/// The call goes out from the calling (I/O) thread and is answered from gRPC's callback thread.
template <typename Stub, typename Request, typename Reply>
void RelayAsync(const Downstream& downstream, const Downstream::Service& service, const http::Request& request,
                void (Stub::async::*method)(grpc::ClientContext*, const Request*, Reply*,
                                            std::function<void(grpc::Status)>),
                Request grpc_request, http::Responder respond, unsigned ok_status = 200) {
  if (!service.channel) {
    respond(NotConfigured(service, request));
    return;
  }
  // What the call uses until its callback has run.
  struct Call {
    Call(const std::shared_ptr<grpc::Channel>& channel, Request message, http::Responder responder, std::string at)
        : stub(channel), request(std::move(message)), respond(std::move(responder)), path(std::move(at)) {}
    grpc::ClientContext context;
    Stub stub;
    Request request;
    Reply reply;
    http::Responder respond;
    std::string path;
  };
  auto call = std::make_shared<Call>(service.channel, std::move(grpc_request), std::move(respond), request.path);
  PrepareCall(call->context, downstream, request);
  (call->stub.async()->*method)(&call->context, &call->request, &call->reply, [call, ok_status](grpc::Status status) {
    call->respond(Answer(status, call->reply, call->path, ok_status));
  });
}

}  // namespace greenlane::api
