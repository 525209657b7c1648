#pragma once

#include <string>

#include "api/conversation_worker.h"
#include "api/downstream.h"

namespace greenlane::api {

/// The ConversationWorker processor of asynchronous declarations: risk Assess with the
/// submitting client's identity; UNAVAILABLE and DEADLINE_EXCEEDED are retried, a refusal is the
/// answer (a problem object).
Processor AssessmentProcessor(const Downstream& downstream);

/// The conversation kind of an asynchronous declaration.
std::string AssessmentKind();

}  // namespace greenlane::api
