#pragma once

#include <google/protobuf/message.h>
#include <grpcpp/client_context.h>

#include <memory>

#include "api/downstream.h"
#include "greenlane/core/error.h"
#include "greenlane/http/request.h"
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
/// the field; an unreachable service is a 503).
http::Response Answer(const grpc::Status& status, const google::protobuf::Message& reply, const http::Request& request,
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
  return Answer(status, reply, request, ok_status);
}

}  // namespace greenlane::api
