#include "greenlane/http/wire.h"

#include <algorithm>
#include <cctype>

namespace greenlane::http::wire {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string Excerpt(std::string_view text, std::size_t max) {
  return text.size() <= max ? std::string(text) : std::string(text.substr(0, max)) + "...";
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int high = HexValue(text[i + 1]);
      int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

core::Result<Target> ParseTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return core::Error::InvalidArgument(
        "target", "request target must start with '/' (origin form), got '" + Excerpt(target) + "'");
  }
  Target result;
  auto question = target.find('?');
  std::string_view path = target.substr(0, question);
  if (!PercentDecode(path, false)) {
    return core::Error::InvalidArgument("path", "malformed percent-escape in path '" + Excerpt(path) + "'");
  }
  result.path = std::string(path);
  if (question == std::string_view::npos) return result;

  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto key = PercentDecode(pair.substr(0, eq), true);
    if (!key) {
      return core::Error::InvalidArgument(
          "query", "malformed percent-escape in query parameter name '" + Excerpt(pair.substr(0, eq)) + "'");
    }
    auto value = PercentDecode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
    if (!value) {
      return core::Error::InvalidArgument(
          "query." + Excerpt(*key), "malformed percent-escape in the value of query parameter '" + Excerpt(*key) + "'");
    }
    result.query.emplace(std::move(*key), std::move(*value));  // emplace keeps the first of a repeated key
  }
  return result;
}

bool IsValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

std::string MediaType(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  std::string out(type);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace greenlane::http::wire
