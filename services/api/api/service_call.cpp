#include "api/service_call.h"

#include <google/protobuf/util/json_util.h>

#include "api/proto_json.h"
#include "greenlane/rpc/caller.h"
#include "greenlane/rpc/channel.h"
#include "greenlane/rpc/request_id.h"
#include "greenlane/rpc/status.h"

namespace greenlane::api {

core::Status ParseProtoBody(const http::Request& request, google::protobuf::Message& message) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status = google::protobuf::util::JsonStringToMessage(request.body, &message, options);
  if (status.ok()) return core::Status::Ok();
  std::string detail = "the body is not a valid ";
  detail.append(message.GetDescriptor()->name()).append(" JSON object: ").append(status.message().as_string());
  return core::Error::InvalidArgument("body", detail);
}

void PrepareCall(grpc::ClientContext& call, const Downstream& downstream, const http::Request& request) {
  rpc::SetDeadline(call, downstream.timeout);
  call.AddMetadata(std::string(rpc::kRequestIdKey), request.request_id);
  rpc::ActFor(call, request.principal.empty() ? "public" : request.principal, request.roles);
}

http::Response NotConfigured(const Downstream::Service& service, const http::Request& request) {
  std::string message = "the ";
  message.append(service.name).append(" service is not connected to this facade: set ").append(service.variable);
  return http::Problem({core::ErrorKind::kUnavailable, message, {}}, request.path);
}

http::Response Answer(const grpc::Status& status, const google::protobuf::Message& reply, const std::string& path,
                      unsigned ok_status) {
  if (!status.ok()) return http::Problem(rpc::FromGrpcStatus(status), path);
  return http::Response::Text(ok_status, ProtoToJson(reply), "application/json");
}

}  // namespace greenlane::api
