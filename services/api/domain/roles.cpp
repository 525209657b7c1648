#include "domain/roles.h"

#include <algorithm>

namespace greenlane::api {

core::Result<std::vector<std::string>> ParseRoles(std::string_view text) {
  std::vector<std::string> roles;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::string role(text.substr(start, comma - start));
    role.erase(0, role.find_first_not_of(' '));
    role.erase(role.find_last_not_of(' ') + 1);
    if (!role.empty()) {
      const bool known = std::find(std::begin(kKnownRoles), std::end(kKnownRoles), role) != std::end(kKnownRoles);
      if (!known) {
        return core::Error::InvalidArgument(
            "roles",
            "unknown role '" + role + "': use public, trader, officer, lab, analyst, admin, partner or gateway");
      }
      if (std::find(roles.begin(), roles.end(), role) != roles.end()) {
        return core::Error::InvalidArgument("roles", "role '" + role + "' is listed twice");
      }
      roles.push_back(std::move(role));
    }
    start = comma + 1;
  }
  if (roles.empty()) return core::Error::InvalidArgument("roles", "at least one role is required");
  return roles;
}

bool RoleAllowed(const std::vector<std::string>& held, const std::vector<std::string>& allowed) {
  if (allowed.empty()) return true;
  return std::any_of(held.begin(), held.end(), [&](const std::string& role) {
    return std::find(allowed.begin(), allowed.end(), role) != allowed.end();
  });
}

}  // namespace greenlane::api
