#pragma once

#include <google/protobuf/repeated_ptr_field.h>
#include <grpcpp/support/status.h>

#include <string>

#include "greenlane/core/error.h"
#include "greenlane/rpc/status.h"

namespace greenlane::rpc {

/// The most requests one many-in-one call (cites VerifyMany, timber GetLineages) may carry: enough
/// for every declaration a busy risk service checks at once, small enough that one call cannot
/// hold a worker for long.
inline constexpr int kMaxRequestsPerCall = 100;

inline grpc::Status AsGrpcStatus(const grpc::Status& status) { return status; }
inline grpc::Status AsGrpcStatus(const core::Status& status) {
  return status.ok() ? grpc::Status::OK : ToGrpcStatus(status.error());
}

/// A many-in-one call's work: each of `requests` answered by `one(request, response)` (a
/// grpc::Status or core::Status, as the single call would answer) into an answer of `answers`,
/// in order. An answer holds code 0 and the response, or the code and message the single call
/// would have failed with; a core::GreenlaneException fails only its own request. More than
/// kMaxRequestsPerCall requests are refused as a whole, naming the field.
template <class Request, class Answer, class One>
core::Status AnswerEach(const google::protobuf::RepeatedPtrField<Request>& requests,
                        google::protobuf::RepeatedPtrField<Answer>* answers, One&& one) {
  if (requests.size() > kMaxRequestsPerCall) {
    return core::Error::InvalidArgument("requests", "at most " + std::to_string(kMaxRequestsPerCall) + " per call");
  }
  for (const auto& request : requests) {
    auto* answer = answers->Add();
    grpc::Status status;
    try {
      status = AsGrpcStatus(one(request, answer->mutable_response()));
    } catch (const core::GreenlaneException& e) {
      status = ToGrpcStatus(e.error());
    }
    if (status.ok()) continue;
    answer->clear_response();
    answer->set_code(status.error_code());
    answer->set_message(status.error_message());
  }
  return core::Status::Ok();
}

}  // namespace greenlane::rpc
