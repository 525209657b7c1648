#pragma once

#include <grpcpp/support/status.h>

#include <functional>
#include <string>
#include <string_view>

#include "domain/document_checks.h"

namespace greenlane::risk {

/// What a failed call to the service owning a document means for the declaration. NOT_FOUND and
/// INVALID_ARGUMENT: the service looked and the document cannot be what the declaration says
/// (invalid). Anything else (deadline exceeded, unavailable, refused, internal): no answer, which
/// keeps the declaration from going green. `detail` names the service, the document and the status.
DocumentAnswer AnswerOfFailedCall(std::string_view service, std::string_view document, const grpc::Status& status);

/// "cites did not answer in time (DEADLINE_EXCEEDED: ...)": the reason an officer reads when a call
/// gave no answer.
std::string NoAnswerDetail(std::string_view service, const grpc::Status& status);

/// CallAsync's `failed` for a document check and for a listing look-up: not answered, naming the
/// service and why its answer could not be read.
std::function<void(const std::string&)> UnreadableDocumentAnswer(std::string_view service, DocumentAnswered answered);
std::function<void(const std::string&)> UnreadableListingAnswer(std::string_view service, ListingAnswered answered);

}  // namespace greenlane::risk
