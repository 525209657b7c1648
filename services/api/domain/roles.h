#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "greenlane/core/error.h"

namespace greenlane::api {

/// The roles of DESIGN §7. A client holds one or more; each route lists the roles it allows.
inline constexpr std::string_view kKnownRoles[] = {"public",  "trader", "officer", "lab",
                                                   "analyst", "admin",  "partner", "gateway"};

/// Parses "a,b" into roles, rejecting unknown or duplicate names and an empty list.
core::Result<std::vector<std::string>> ParseRoles(std::string_view text);

/// True when any of `held` is in `allowed`. An empty `allowed` means the route is public.
bool RoleAllowed(const std::vector<std::string>& held, const std::vector<std::string>& allowed);

}  // namespace greenlane::api
