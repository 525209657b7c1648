#include "greenlane/http/router.h"

#include <algorithm>
#include <stdexcept>

#include "greenlane/http/wire.h"

namespace greenlane::http {
namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') return segments;
  path.remove_prefix(1);
  for (;;) {
    auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool IsParamName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

void Router::Add(Route route) {
  auto fail = [&](const std::string& why) {
    throw std::invalid_argument("route " + route.method + " " + route.pattern + ": " + why);
  };
  if (route.method.empty()) fail("method is empty");
  if (!route.handler) fail("handler is empty");
  if (route.pattern.empty() || route.pattern.front() != '/') fail("pattern must start with '/'");

  std::vector<Segment> segments;
  for (std::string_view text : SplitPath(route.pattern)) {
    if (!text.empty() && text.front() == '{' && text.back() == '}') {
      std::string_view name = text.substr(1, text.size() - 2);
      if (!IsParamName(name)) fail("parameter '" + std::string(text) + "' must be {name} with [A-Za-z0-9_]");
      segments.push_back({std::string(name), true});
    } else if (text.find_first_of("{}?") != std::string_view::npos) {
      fail("segment '" + std::string(text) + "' mixes literal text with '{', '}' or '?'");
    } else {
      segments.push_back({std::string(text), false});
    }
  }

  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& other = patterns_[i];
    if (routes_[i].method != route.method || other.size() != segments.size()) continue;
    bool same_shape = std::equal(other.begin(), other.end(), segments.begin(), [](const Segment& a, const Segment& b) {
      return a.is_param == b.is_param && (a.is_param || a.text == b.text);
    });
    if (same_shape) fail("same method and shape as " + routes_[i].pattern);
  }
  routes_.push_back(std::move(route));
  patterns_.push_back(std::move(segments));
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  const auto segments = SplitPath(path);
  auto matches = [&](const std::vector<Segment>& pattern) {
    if (pattern.size() != segments.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i].is_param ? segments[i].empty() : pattern[i].text != segments[i]) return false;
    }
    return true;
  };
  // Literal beats parameter at the first segment where two patterns differ.
  auto more_specific = [&](std::size_t a, std::size_t b) {
    const auto& pa = patterns_[a];
    const auto& pb = patterns_[b];
    for (std::size_t i = 0; i < pa.size(); ++i) {
      if (pa[i].is_param != pb[i].is_param) return !pa[i].is_param;
    }
    return false;
  };

  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t best = kNone;
  std::size_t best_get = kNone;  // HEAD falls back to it
  Match match;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!matches(patterns_[i])) continue;
    const std::string& route_method = routes_[i].method;
    match.allowed_methods.push_back(route_method);
    if (route_method == "GET") match.allowed_methods.emplace_back("HEAD");
    if (route_method == method && (best == kNone || more_specific(i, best))) best = i;
    if (route_method == "GET" && (best_get == kNone || more_specific(i, best_get))) best_get = i;
  }
  std::sort(match.allowed_methods.begin(), match.allowed_methods.end());
  match.allowed_methods.erase(std::unique(match.allowed_methods.begin(), match.allowed_methods.end()),
                              match.allowed_methods.end());

  if (best == kNone && method == "HEAD") best = best_get;
  if (best == kNone) return match;
  match.route = &routes_[best];
  const auto& pattern = patterns_[best];
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (!pattern[i].is_param) continue;
    auto decoded = wire::PercentDecode(segments[i], false);
    if (!decoded) return {};  // a malformed escape names no resource
    match.params[pattern[i].text] = std::move(*decoded);
  }
  return match;
}

}  // namespace greenlane::http
