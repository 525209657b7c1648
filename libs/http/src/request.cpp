#include "greenlane/http/request.h"

namespace greenlane::http {

std::string_view Request::Header(std::string_view name) const {
  auto it = headers.find(boost::beast::string_view(name.data(), name.size()));
  if (it == headers.end()) return {};
  auto value = it->value();
  return {value.data(), value.size()};
}

}  // namespace greenlane::http
