#include "greenlane/http/url.h"

#include <algorithm>
#include <charconv>

namespace greenlane::http {
namespace {

constexpr std::size_t kMaxUrlLength = 2000;

}  // namespace

core::Result<Url> ParseUrl(std::string_view url, bool allow_http, const std::string& field) {
  const auto bad = [&](const std::string& why) {
    std::string message = field + ".format: '";
    message.append(url.substr(0, 100)).append("' ").append(why);
    return core::Error::InvalidArgument(field, message);
  };
  if (url.size() > kMaxUrlLength) return bad("is longer than 2000 characters");
  if (!std::all_of(url.begin(), url.end(), [](char c) { return c > 0x20 && c < 0x7f; })) {
    return bad("must be printable ASCII without spaces");
  }
  Url parsed;
  std::string_view rest = url;
  if (rest.starts_with("https://")) {
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://") && allow_http) {
    rest.remove_prefix(7);
    parsed.tls = false;
    parsed.port = 80;
  } else {
    return bad(allow_http ? "must start with https:// or http://"
                          : "must start with https:// (plain http is not allowed here)");
  }
  if (rest.find('#') != std::string_view::npos) return bad("must not have a fragment");
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) parsed.target = std::string(rest.substr(slash));
  if (authority.find('@') != std::string_view::npos) return bad("must not carry user information");
  if (const auto colon = authority.rfind(':'); colon != std::string_view::npos && authority.back() != ']') {
    const auto digits = authority.substr(colon + 1);
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc() || end != digits.data() + digits.size() || port == 0 || port > 65535) {
      return bad("has a port outside 1..65535");
    }
    parsed.port = static_cast<unsigned short>(port);
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return bad("has no host");
  parsed.host = std::string(authority);
  return parsed;
}

}  // namespace greenlane::http
