#include "greenlane/rpc/offload.h"

#include <atomic>
#include <exception>
#include <string>

#include "greenlane/core/error.h"
#include "greenlane/core/log.h"
#include "greenlane/rpc/request_id.h"
#include "greenlane/rpc/status.h"

namespace greenlane::rpc {
struct Finisher::Call {
  explicit Call(grpc::ServerUnaryReactor* r) : reactor(r) {}
  ~Call() {
    if (finished.exchange(true)) return;
    log::Error("a call's work ended without an answer", {});
    reactor->Finish({grpc::StatusCode::INTERNAL, "the call's work ended without an answer"});
  }
  grpc::ServerUnaryReactor* reactor;
  std::atomic<bool> finished{false};
};

Finisher::Finisher(grpc::ServerUnaryReactor* reactor) : call_(std::make_shared<Call>(reactor)) {}

void Finisher::operator()(grpc::Status status) const {
  if (call_->finished.exchange(true)) {
    log::Error("a call was answered twice; the second answer is dropped", {{"error", status.error_message()}});
    return;
  }
  call_->reactor->Finish(std::move(status));
}

namespace {

// Runs `work` in the call's request scope, unless the caller has gone.
void RunWork(grpc::CallbackServerContext* context, const Finisher& finish, const std::function<void(Finisher)>& work,
             const std::string& request_id) {
  log::RequestScope scope(request_id);
  if (context->IsCancelled()) {
    // The caller has gone (deadline or cancel) while this waited in the queue: nobody would read
    // the answer, and skipping the work is what sheds load when the pool is behind.
    finish({grpc::StatusCode::CANCELLED, "the call was cancelled before its work started"});
    return;
  }
  try {
    work(finish);
  } catch (...) {
    // The one place per call where infrastructure exceptions become statuses (DESIGN §5).
    finish(ToGrpcStatus(core::ErrorOfException(std::current_exception())));
  }
}

}  // namespace

grpc::ServerUnaryReactor* OffloadAsync(grpc::CallbackServerContext* context, core::WorkerPool& pool,
                                       std::function<void(Finisher)> work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();  // once: each call makes a new one
  Finisher finish(reactor);
  const bool queued = pool.TrySubmit([context, finish, work = std::move(work), request_id = RequestId(*context)] {
    RunWork(context, finish, work, request_id);
  });
  if (!queued) {
    finish(ToGrpcStatus(core::WorkerPool::QueueFullError()));
  }
  return reactor;
}

grpc::ServerUnaryReactor* StartInPlace(grpc::CallbackServerContext* context, std::function<void(Finisher)> work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  RunWork(context, Finisher(reactor), work, RequestId(*context));
  return reactor;
}

grpc::ServerUnaryReactor* Offload(grpc::CallbackServerContext* context, core::WorkerPool& pool,
                                  std::function<grpc::Status()> work) {
  return OffloadAsync(context, pool, [work = std::move(work)](const Finisher& finish) { finish(work()); });
}

}  // namespace greenlane::rpc
