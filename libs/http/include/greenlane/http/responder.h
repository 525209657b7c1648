#pragma once

#include <functional>
#include <utility>

#include "greenlane/http/response.h"

namespace greenlane::http {

/// The answer to one request whose handler finishes later, on another thread (a route's `start`):
/// call it once, from any thread, with the response. Move-only; a Responder destroyed without
/// answering answers 500 itself, so a handler bug can neither leave the client waiting nor keep
/// the server from stopping.
class Responder {
 public:
  explicit Responder(std::function<void(Response)> deliver) : deliver_(std::move(deliver)) {}
  ~Responder();
  Responder(Responder&& other) noexcept : deliver_(std::exchange(other.deliver_, nullptr)) {}
  Responder& operator=(Responder&&) = delete;
  Responder(const Responder&) = delete;
  Responder& operator=(const Responder&) = delete;

  /// Answers the request; later calls do nothing.
  void operator()(Response response);

 private:
  std::function<void(Response)> deliver_;
};

}  // namespace greenlane::http
