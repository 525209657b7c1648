#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/status.h>

#include <functional>

#include "greenlane/core/worker_pool.h"

namespace greenlane::rpc {

/// Runs a unary handler's blocking work (SQL, Redis, crypto) on `pool` instead of gRPC's callback
/// threads (DESIGN §6) and finishes the call with the status `work` returns. Return its result
/// from the callback method:
///
///   grpc::ServerUnaryReactor* Get(grpc::CallbackServerContext* ctx, const Req* req, Resp* resp) override {
///     return rpc::Offload(ctx, pool_, [=] { return Load(*req, resp); });
///   }
///
/// `work` may write the response: it runs before the call finishes. It runs with the call's
/// request id in the log scope. A thrown core::GreenlaneException becomes its kind's status, any
/// other std::exception INTERNAL (logged). A full pool answers UNAVAILABLE at once, so callers back
/// off instead of queueing without bound; a call whose caller gave up while queued is not run.
grpc::ServerUnaryReactor* Offload(grpc::CallbackServerContext* context, core::WorkerPool& pool,
                                  std::function<grpc::Status()> work);

}  // namespace greenlane::rpc
