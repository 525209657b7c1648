#include "greenlane/pg/url.h"

namespace greenlane::pg {
namespace {

bool IsUri(const std::string& url) { return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0; }

}  // namespace

std::string RedactPassword(const std::string& url) {
  if (IsUri(url)) {
    const std::size_t authority = url.find("://") + 3;
    const std::size_t at = url.find('@', authority);
    const std::size_t slash = url.find('/', authority);
    if (at == std::string::npos || (slash != std::string::npos && slash < at)) return url;
    const std::size_t colon = url.find(':', authority);
    if (colon == std::string::npos || colon > at) return url;
    return url.substr(0, colon + 1) + "***" + url.substr(at);
  }
  std::string out = url;
  const std::string key = "password=";
  for (std::size_t pos = out.find(key); pos != std::string::npos; pos = out.find(key, pos)) {
    const std::size_t begin = pos + key.size();
    std::size_t end = begin;
    if (end < out.size() && out[end] == '\'') {
      for (++end; end < out.size() && out[end] != '\''; ++end) {
        if (out[end] == '\\') ++end;
      }
      if (end < out.size()) ++end;
    } else {
      while (end < out.size() && out[end] != ' ') ++end;
    }
    out.replace(begin, end - begin, "***");
    pos = begin + 3;
  }
  return out;
}

std::string WithDatabase(const std::string& url, const std::string& database) {
  const std::size_t authority = url.find("://");
  if (authority == std::string::npos) return url + " dbname=" + database;
  const std::size_t path = url.find('/', authority + 3);
  const std::size_t query = url.find('?', authority + 3);
  const std::string tail = query == std::string::npos ? "" : url.substr(query);
  const std::size_t host_end = path != std::string::npos && (query == std::string::npos || path < query)
                                   ? path
                                   : (query == std::string::npos ? url.size() : query);
  return url.substr(0, host_end) + "/" + database + tail;
}

std::string WithDefaultParameter(const std::string& url, const std::string& key, const std::string& value) {
  if (IsUri(url)) {
    const std::size_t query = url.find('?');
    if (query != std::string::npos) {
      const std::string params = url.substr(query);  // "?a=1&b=2"
      const std::string assignment = key + "=";
      if (params.find("?" + assignment) != std::string::npos || params.find("&" + assignment) != std::string::npos) {
        return url;
      }
      return url + "&" + key + "=" + value;
    }
    return url + "?" + key + "=" + value;
  }
  if (url.find(key + "=") != std::string::npos) return url;
  return url.empty() ? key + "=" + value : url + " " + key + "=" + value;
}

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty() || name.size() > 63) return false;
  if (!(name[0] == '_' || (name[0] >= 'a' && name[0] <= 'z'))) return false;
  for (char c : name) {
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

}  // namespace greenlane::pg
