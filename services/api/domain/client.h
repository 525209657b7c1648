#pragma once

#include <string>
#include <vector>

namespace greenlane::api {

/// A client of the REST facade (a single window, a gateway, a partner authority, a person's tool).
/// Its secret is never stored, only a salted PBKDF2 hash of it.
struct Client {
  std::string id;
  std::string name;
  std::vector<std::string> roles;
  bool disabled = false;
  std::string created_at;  ///< RFC 3339
};

}  // namespace greenlane::api
