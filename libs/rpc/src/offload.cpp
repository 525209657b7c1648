#include "greenlane/rpc/offload.h"

#include <exception>
#include <string>

#include "greenlane/core/error.h"
#include "greenlane/core/log.h"
#include "greenlane/rpc/request_id.h"
#include "greenlane/rpc/status.h"

namespace greenlane::rpc {
namespace {

// The one place per call where infrastructure exceptions become statuses (DESIGN §5).
grpc::Status RunCatching(const std::function<grpc::Status()>& work) {
  try {
    return work();
  } catch (const core::GreenlaneException& e) {
    log::Warn("handler failed", {{"kind", core::MappingOf(e.error().kind).name}, {"error", e.what()}});
    return ToGrpcStatus(e.error());
  } catch (const std::exception& e) {
    log::Error("handler threw", {{"error", e.what()}});
    return {grpc::StatusCode::INTERNAL,
            "internal error; quote request id '" + log::CurrentRequestId() + "' when reporting it"};
  }
}

}  // namespace

grpc::ServerUnaryReactor* Offload(grpc::CallbackServerContext* context, core::WorkerPool& pool,
                                  std::function<grpc::Status()> work) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  const bool queued = pool.TrySubmit([context, reactor, work = std::move(work), request_id = RequestId(*context)] {
    log::RequestScope scope(request_id);
    if (context->IsCancelled()) {
      // The caller has gone (deadline or cancel) while this waited in the queue: nobody would read
      // the answer, and skipping the work is what sheds load when the pool is behind.
      reactor->Finish({grpc::StatusCode::CANCELLED, "the call was cancelled before its work started"});
      return;
    }
    reactor->Finish(RunCatching(work));
  });
  if (!queued) {
    reactor->Finish(
        {grpc::StatusCode::UNAVAILABLE, "the server is at capacity (worker queue full); retry with backoff"});
  }
  return reactor;
}

}  // namespace greenlane::rpc
