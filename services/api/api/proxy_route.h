#pragma once

#include <string>
#include <vector>

#include "api/context.h"
#include "api/proto_params.h"
#include "api/service_call.h"
#include "greenlane/http/router.h"

namespace greenlane::api {

/// Which service of Downstream a route relays to, e.g. &Downstream::timber.
using ServiceOf = Downstream::Service Downstream::*;

/// A route that is a straight relay to one gRPC method: the request message is the JSON body (when
/// the method takes one), then the query parameters, then the path parameters, each by field name
/// (ApplyParams); the reply is returned as JSON with `ok_status`. Routes whose REST shape differs
/// from the message write their own handler with Relay().
template <typename Stub, typename Request, typename Reply>
http::Route ProxyRoute(ApiContext& context, std::string method, std::string pattern, std::string summary,
                       std::vector<std::string> roles, ServiceOf service,
                       grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Request&, Reply*),
                       unsigned ok_status = 200) {
  const bool has_body = method == "POST" || method == "PUT" || method == "PATCH";
  return {.method = std::move(method),
          .pattern = std::move(pattern),
          .summary = std::move(summary),
          .roles = std::move(roles),
          .content_types = has_body ? std::vector<std::string>{"application/json"} : std::vector<std::string>{},
          .non_blocking = false,
          .handler = [&context, service, rpc, ok_status](http::Request& request) {
            Request message;
            if (!request.body.empty()) {
              if (auto status = ParseProtoBody(request, message); !status.ok()) {
                return http::Problem(status.error(), request.path);
              }
            }
            for (const auto& [params, source] : {std::pair{&request.query, ParamSource::kQuery},
                                                 std::pair{&request.path_params, ParamSource::kPath}}) {
              if (auto status = ApplyParams(*params, message, source); !status.ok()) {
                return http::Problem(status.error(), request.path);
              }
            }
            return Relay(context.downstream, context.downstream.*service, request, rpc, message, ok_status);
          }};
}

}  // namespace greenlane::api
