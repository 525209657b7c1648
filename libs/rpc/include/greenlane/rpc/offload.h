#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <memory>

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

/// Finishes a unary call once, from whatever thread the last step of its work runs on. Copies share
/// the call: the first status given finishes it (a later one is logged and dropped); when the last
/// copy goes without any, the call is finished INTERNAL (logged), so a lost continuation cannot
/// leave its caller waiting.
class Finisher {
 public:
  explicit Finisher(grpc::ServerUnaryReactor* reactor);
  void operator()(grpc::Status status) const;

 private:
  struct Call;
  std::shared_ptr<Call> call_;
};

/// Offload for work that goes on after it returns (its waits are continuations, not parked
/// threads): `work` runs on `pool` as Offload's does and finishes the call through the Finisher it
/// is given, now or later. If it throws, the call is finished with the status Offload would give.
grpc::ServerUnaryReactor* OffloadAsync(grpc::CallbackServerContext* context, core::WorkerPool& pool,
                                       std::function<void(Finisher)> work);

/// OffloadAsync without the hop to a worker, for work that never blocks (it computes a little and
/// starts asynchronous steps that do their blocking elsewhere): `work` runs on gRPC's thread.
grpc::ServerUnaryReactor* StartInPlace(grpc::CallbackServerContext* context, std::function<void(Finisher)> work);

}  // namespace greenlane::rpc
