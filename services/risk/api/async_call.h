#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "greenlane/core/clock.h"

namespace greenlane::risk {

/// Starts a unary call through gRPC's callback API and returns at once: the document checks of a
/// declaration are all in flight together without a thread blocked on each. `start` is given the
/// context, request, response and completion of the call (e.g. `stub->async()->Verify(c, q, r,
/// std::move(done))`); the three live until `done` has run, on one of gRPC's threads, with the
/// status and the response. If `done` throws, `failed` is told why instead (gRPC would swallow the
/// exception, and the caller would wait for an answer that never comes).
template <typename Request, typename Response, typename Start>
void CallAsync(Start&& start, Request request, core::TimePoint deadline,
               std::function<void(const grpc::Status&, const Response&)> done,
               std::function<void(const std::string&)> failed) {
  struct Call {
    grpc::ClientContext context;
    Request request;
    Response response;
  };
  auto call = std::make_shared<Call>();
  call->request = std::move(request);
  call->context.set_deadline(deadline);
  start(&call->context, &call->request, &call->response,
        [call, done = std::move(done), failed = std::move(failed)](grpc::Status status) {
          try {
            done(status, call->response);
          } catch (const std::exception& e) {
            failed(e.what());
          }
        });
}

}  // namespace greenlane::risk
