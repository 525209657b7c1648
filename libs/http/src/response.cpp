#include "greenlane/http/response.h"

#include <boost/beast/core/string.hpp>

namespace greenlane::http {

Response Response::Json(unsigned status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  // Replace invalid UTF-8 rather than throw: a handler echoing client input must not turn a 4xx
  // into a 500.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

Response Response::Text(unsigned status, std::string body, std::string content_type) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  response.content_type = std::move(content_type);
  return response;
}

std::string_view Response::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (boost::beast::iequals(boost::beast::string_view(key.data(), key.size()),
                              boost::beast::string_view(name.data(), name.size()))) {
      return value;
    }
  }
  return {};
}

namespace {

Response MakeProblem(unsigned status, std::string_view name, std::string_view title, const std::string& detail,
                     const std::string& field, const std::string& instance) {
  nlohmann::json body = {
      {"type", "urn:greenlane:problem:" + std::string(name)},
      {"title", title},
      {"status", status},
      {"detail", detail},
  };
  if (!field.empty()) body["field"] = field;
  if (!instance.empty()) body["instance"] = instance;
  Response response = Response::Json(status, body);
  response.content_type = kProblemContentType;
  return response;
}

}  // namespace

Response Problem(const core::Error& error, const std::string& instance) {
  const auto& mapping = core::MappingOf(error.kind);
  return MakeProblem(static_cast<unsigned>(mapping.http_status), mapping.name, mapping.title, error.message,
                     error.field, instance);
}

Response Problem(unsigned status, std::string_view name, std::string_view title, const std::string& detail) {
  return MakeProblem(status, name, title, detail, "", "");
}

}  // namespace greenlane::http
