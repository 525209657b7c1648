// Feeds arbitrary bytes through what the HTTP server does with a request before any handler runs:
// the Beast parser with the server's default limits, then target splitting, header lookups and
// routing.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>

#include "greenlane/http/request.h"
#include "greenlane/http/router.h"
#include "greenlane/http/server.h"
#include "greenlane/http/wire.h"

namespace {

namespace beast = boost::beast;
using namespace greenlane::http;

const Router& FuzzRouter() {
  static const Router* router = [] {
    auto* r = new Router();
    auto ok = [](Request&) { return Response::Text(200, "ok"); };
    r->Add({"GET", "/v1/cites/permits/{number}/verify", "", {}, {}, true, ok});
    r->Add({"GET", "/v1/cites/permits/search", "", {}, {}, true, ok});
    r->Add({"POST", "/v1/declarations", "", {}, {"application/json"}, false, ok});
    r->Add({"GET", "/v1/{kind}/{id}", "", {}, {}, false, ok});
    return r;
  }();
  return *router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ServerOptions limits;
  beast::http::request_parser<beast::http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
  parser.body_limit(limits.body_limit);
  parser.eager(true);

  beast::error_code ec;
  std::size_t used = 0;
  while (used < size && !parser.is_done()) {
    std::size_t consumed = parser.put(boost::asio::buffer(data + used, size - used), ec);
    used += consumed;
    if (ec == beast::http::error::need_more && consumed > 0) continue;
    break;
  }
  if (!parser.is_done()) {
    if (ec && ec != beast::http::error::need_more) return 0;
    parser.put_eof(ec);
    if (ec || !parser.is_done()) return 0;
  }

  auto message = parser.release();
  // Copy the request line out first: the header fields are moved below.
  std::string target_text(message.target().data(), message.target().size());
  std::string method(message.method_string().data(), message.method_string().size());
  Request request;
  request.headers = std::move(message.base());
  wire::IsValidRequestId(request.Header("X-Request-Id"));
  wire::MediaType(request.Header("Content-Type"));
  auto target = wire::ParseTarget(target_text);
  if (!target.ok()) return 0;
  FuzzRouter().Find(method, target->path);
  return 0;
}
