#include "greenlane/http/responder.h"

#include "greenlane/core/error.h"
#include "greenlane/core/log.h"

namespace greenlane::http {

Responder::~Responder() {
  if (!deliver_) return;
  log::Error("a handler dropped its request without answering it", {});
  (*this)(Problem(core::Error::Internal("the request was dropped without an answer; it was logged")));
}

void Responder::operator()(Response response) {
  if (!deliver_) return;
  auto deliver = std::exchange(deliver_, nullptr);
  deliver(std::move(response));
}

}  // namespace greenlane::http
