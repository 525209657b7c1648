#include "api/call_answer.h"

namespace greenlane::risk {
namespace {

std::string_view CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    default:
      return "error";
  }
}

}  // namespace

std::string NoAnswerDetail(std::string_view service, const grpc::Status& status) {
  std::string detail(service);
  switch (status.error_code()) {
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      detail += " did not answer in time";
      break;
    case grpc::StatusCode::UNAVAILABLE:
      detail += " is unreachable";
      break;
    default:
      detail += " refused the check";
      break;
  }
  detail.append(" (").append(CodeName(status.error_code()));
  if (!status.error_message().empty()) detail.append(": ").append(status.error_message());
  return detail + ")";
}

namespace {

std::string Unreadable(std::string_view service, const std::string& why) {
  return "the answer of " + std::string(service) + " could not be read: " + why;
}

}  // namespace

std::function<void(const std::string&)> UnreadableDocumentAnswer(std::string_view service, DocumentAnswered answered) {
  return [service = std::string(service), answered = std::move(answered)](const std::string& why) {
    answered({DocumentStatus::kNotAnswered, Unreadable(service, why), {}});
  };
}

std::function<void(const std::string&)> UnreadableListingAnswer(std::string_view service, ListingAnswered answered) {
  return [service = std::string(service), answered = std::move(answered)](const std::string& why) {
    answered({std::nullopt, Unreadable(service, why)});
  };
}

DocumentAnswer AnswerOfFailedCall(std::string_view service, std::string_view document, const grpc::Status& status) {
  if (status.error_code() == grpc::StatusCode::NOT_FOUND || status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    std::string detail(service);
    detail.append(" has no valid document '").append(document).append("'");
    if (!status.error_message().empty()) detail.append(": ").append(status.error_message());
    return {DocumentStatus::kInvalid, std::move(detail), {}};
  }
  return {DocumentStatus::kNotAnswered, NoAnswerDetail(service, status), {}};
}

}  // namespace greenlane::risk
