#pragma once

#include "api/context.h"
#include "greenlane/http/server.h"

namespace greenlane::api {

/// Before each matched route: authenticate the bearer token (unless the route is public), check
/// the route's roles, and count the request against the caller's rate limit (clients by id,
/// anonymous callers by address). After each response: metrics and the access log.
http::Hooks MakeHooks(ApiContext& context);

}  // namespace greenlane::api
