#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace greenlane::security {

/// Base64url without padding (RFC 4648 §5, as JOSE uses it in RFC 7515 §2).
std::string Base64UrlEncode(std::string_view bytes);

/// Decodes unpadded base64url. Returns nullopt on any character outside the alphabet, on padding,
/// on an impossible length, and on non-zero trailing bits: a token then has exactly one spelling, so
/// it cannot be altered without changing its bytes.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace greenlane::security
