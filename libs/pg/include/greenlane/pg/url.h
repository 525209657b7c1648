#pragma once

#include <string>
#include <string_view>

namespace greenlane::pg {

/// `url` with its password replaced by "***", so connection targets can appear in logs and error
/// messages. Handles both libpq forms: "postgresql://user:secret@host/db" and "password=secret ...".
std::string RedactPassword(const std::string& url);

/// `url` (URI form) naming database `database` instead of its own, keeping user, host and query
/// parameters. Test databases and admin tasks connect to a sibling database on the same server.
std::string WithDatabase(const std::string& url, const std::string& database);

/// `url` with libpq parameter `key` set to `value` unless the URL already sets it, so operators can
/// override the defaults the pool chooses (e.g. connect_timeout).
std::string WithDefaultParameter(const std::string& url, const std::string& key, const std::string& value);

/// True for a lower-case SQL identifier that needs no quoting ([a-z_][a-z0-9_]*, at most 63 bytes).
/// Schema names are spliced into SQL text (they cannot be bound parameters), so only these are accepted.
bool IsPlainIdentifier(std::string_view name);

}  // namespace greenlane::pg
