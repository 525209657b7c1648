#pragma once

#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <algorithm>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "api/async_call.h"
#include "greenlane/core/clock.h"

namespace greenlane::risk {

/// Coalesces the unary calls that many declarations' checks make to one service into its
/// many-in-one call (cites VerifyMany, timber GetLineages; see rpc::AnswerEach). A call goes out at
/// once while fewer than `max_in_flight` many-in-one calls are in flight; otherwise it waits for
/// the next one to return and goes out with everything else that waited (at most `max_batch`).
/// Under light load nothing waits; under heavy load each round trip, with the service's worker
/// hop, its TLS records and its context switches, is shared by a batch of declarations instead
/// of paid by each.
///
/// ManyRequest has `repeated Request requests`; ManyResponse `repeated Answer answers`, each with
/// `code`, `message` and `Response response`. Every call is answered exactly once, on one of
/// gRPC's threads: with its own answer, with the status of a many-in-one call that failed, or
/// with DEADLINE_EXCEEDED when its deadline passed while it waited. The state lives as long as
/// the last call in flight, so the batcher may be destroyed with calls still out.
template <class Request, class Response, class ManyRequest, class ManyResponse>
class CallBatcher {
 public:
  using Done = std::function<void(const grpc::Status&, const Response&)>;
  using Failed = std::function<void(const std::string&)>;
  /// Starts the many-in-one call, e.g. `stub->async()->VerifyMany(context, request, response,
  /// std::move(done))`.
  using StartMany =
      std::function<void(grpc::ClientContext*, const ManyRequest*, ManyResponse*, std::function<void(grpc::Status)>)>;

  CallBatcher(StartMany start, std::size_t max_batch, int max_in_flight)
      : state_(std::make_shared<State>(std::move(start), max_batch, max_in_flight)) {}

  /// Sends `request` (now or with the next batch) and returns at once. `done` gets the status and
  /// the response; if it throws, `failed` is told why.
  void Call(Request request, core::TimePoint deadline, Done done, Failed failed) {
    State::Enqueue(state_, {std::move(request), deadline, std::move(done), std::move(failed)});
  }

 private:
  struct Pending {
    Request request;
    core::TimePoint deadline;
    Done done;
    Failed failed;
  };

  struct State {
    State(StartMany start_many, std::size_t batch, int in_flight)
        : start(std::move(start_many)), max_batch(batch), max_in_flight(in_flight) {}

    static void Enqueue(const std::shared_ptr<State>& state, Pending pending) {
      std::vector<Pending> batch;
      {
        std::lock_guard lock(state->mutex);
        state->waiting.push_back(std::move(pending));
        if (state->in_flight >= state->max_in_flight) return;
        batch = state->TakeLocked();
      }
      Send(state, std::move(batch));
    }

    // The next batch, counted as in flight; the caller holds the mutex and the queue is not empty.
    std::vector<Pending> TakeLocked() {
      std::vector<Pending> batch;
      while (!waiting.empty() && batch.size() < max_batch) {
        batch.push_back(std::move(waiting.front()));
        waiting.pop_front();
      }
      ++in_flight;
      return batch;
    }

    static void Send(const std::shared_ptr<State>& state, std::vector<Pending> batch) {
      // A call whose deadline passed while it waited is answered here: its declaration has moved on.
      const auto now = std::chrono::system_clock::now();
      std::vector<Pending> live;
      for (auto& pending : batch) {
        if (pending.deadline <= now) {
          Answer(pending, grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "deadline passed before the call was sent"),
                 Response{});
        } else {
          live.push_back(std::move(pending));
        }
      }
      if (live.empty()) return Returned(state);
      ManyRequest request;
      auto deadline = live.front().deadline;
      for (auto& pending : live) {
        *request.add_requests() = std::move(pending.request);
        deadline = std::min(deadline, pending.deadline);
      }
      auto calls = std::make_shared<std::vector<Pending>>(std::move(live));
      CallAsync<ManyRequest, ManyResponse>(
          state->start, std::move(request), deadline,
          [state, calls](const grpc::Status& status, const ManyResponse& response) {
            AnswerAll(*calls, status, response);
            Returned(state);
          },
          [state](const std::string&) { Returned(state); });
    }

    static void AnswerAll(std::vector<Pending>& calls, const grpc::Status& status, const ManyResponse& response) {
      for (std::size_t i = 0; i < calls.size(); ++i) {
        if (!status.ok()) {
          Answer(calls[i], status, Response{});
        } else if (i >= static_cast<std::size_t>(response.answers_size())) {
          Answer(calls[i],
                 grpc::Status(grpc::StatusCode::INTERNAL, "the service answered " +
                                                              std::to_string(response.answers_size()) + " of " +
                                                              std::to_string(calls.size()) + " requests"),
                 Response{});
        } else if (const auto& answer = response.answers(static_cast<int>(i)); answer.code() != 0) {
          Answer(calls[i], grpc::Status(static_cast<grpc::StatusCode>(answer.code()), answer.message()), Response{});
        } else {
          Answer(calls[i], grpc::Status::OK, answer.response());
        }
      }
    }

    // One call's answer; what its `done` throws goes to its `failed`, never to the others.
    static void Answer(const Pending& pending, const grpc::Status& status, const Response& response) {
      try {
        pending.done(status, response);
      } catch (const std::exception& e) {
        pending.failed(e.what());
      }
    }

    // A many-in-one call returned: the calls that waited for it go out.
    static void Returned(const std::shared_ptr<State>& state) {
      std::vector<Pending> batch;
      {
        std::lock_guard lock(state->mutex);
        --state->in_flight;
        if (state->waiting.empty()) return;
        batch = state->TakeLocked();
      }
      Send(state, std::move(batch));
    }

    StartMany start;
    std::size_t max_batch;
    int max_in_flight;
    std::mutex mutex;
    std::deque<Pending> waiting;
    int in_flight = 0;
  };

  std::shared_ptr<State> state_;
};

}  // namespace greenlane::risk
