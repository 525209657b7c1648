#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "greenlane/http/request.h"
#include "greenlane/http/responder.h"
#include "greenlane/http/response.h"

namespace greenlane::http {

using Handler = std::function<Response(Request&)>;
/// Starts a request whose answer comes later from another thread (an asynchronous call to a
/// service): runs on the I/O thread after the before hook, so it must not block. Returns true when
/// it took `respond` (moved it out, to answer through it), false to leave the request to the
/// route's handler on a worker.
using Starter = std::function<bool(Request&, Responder& respond)>;

/// One endpoint: what it matches, who may call it and how it runs.
struct Route {
  std::string method;
  /// "/v1/cites/permits/{number}/verify": {name} matches exactly one non-empty segment.
  std::string pattern;
  std::string summary;
  /// Roles allowed to call; empty = public. The auth hook enforces them, the router only stores them.
  std::vector<std::string> roles;
  /// Accepted request body media types (e.g. "application/json"); empty = the route takes no body.
  std::vector<std::string> content_types;
  /// The handler does no blocking I/O, so it runs on the I/O thread and skips the worker queue.
  bool non_blocking = false;
  Handler handler;
  /// When set, tried first (see Starter); `handler` answers what it declines.
  Starter start;
};

/// Maps (method, path) to a Route. Built once at start-up, then read concurrently without locks.
class Router {
 public:
  /// Throws std::invalid_argument when the pattern is malformed or the same method already has a
  /// route of the same shape: both are wiring bugs that must stop start-up.
  void Add(Route route);

  struct Match {
    const Route* route = nullptr;               ///< null when nothing matched path and method
    std::map<std::string, std::string> params;  ///< percent-decoded {name} values
    /// Every method some route accepts for this path (HEAD included where GET is); when route is
    /// null and this is not empty the answer is 405 with an Allow header.
    std::vector<std::string> allowed_methods;
  };

  /// Finds the route for `method` and a percent-encoded `path`. Literal segments win over {params}
  /// (compared left to right). HEAD falls back to the GET route.
  Match Find(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter name
    bool is_param;
  };
  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> patterns_;  // parallel to routes_
};

}  // namespace greenlane::http
