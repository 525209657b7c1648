// The anchor for bench_http_server: a deliberately minimal Boost.Beast keep-alive server (no
// routing, limits, hooks, request ids or worker pool) answering every request with a fixed body.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <thread>
#include <vector>

#include "bench_main.h"

namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket&& socket) : stream_(std::move(socket)) {}

  void Read() {
    request_ = {};
    beast::http::async_read(stream_, buffer_, request_,
                            beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

 private:
  void OnRead(beast::error_code ec, std::size_t) {
    if (ec) return;
    response_ = {beast::http::status::ok, request_.version()};
    response_.set(beast::http::field::content_type, "text/plain");
    response_.keep_alive(request_.keep_alive());
    response_.body() = "hello";
    response_.prepare_payload();
    beast::http::async_write(stream_, response_, beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, std::size_t) {
    if (!ec && response_.keep_alive()) Read();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  beast::http::request<beast::http::string_body> request_;
  beast::http::response<beast::http::string_body> response_;
};

void Accept(net::io_context& ioc, tcp::acceptor& acceptor) {
  acceptor.async_accept(net::make_strand(ioc), [&](beast::error_code ec, tcp::socket socket) {
    if (!ec) std::make_shared<Session>(std::move(socket))->Read();
    Accept(ioc, acceptor);
  });
}

}  // namespace

int main(int argc, char** argv) {
  auto args = greenlane::http::bench::ParseArgs(argc, argv, "minimal Boost.Beast server: the anchor for libs/http");
  auto signals = greenlane::http::bench::BlockStopSignals();
  net::io_context ioc(args.threads);
  tcp::acceptor acceptor(ioc, {net::ip::make_address("127.0.0.1"), args.port});
  Accept(ioc, acceptor);
  std::vector<std::thread> threads;
  for (int i = 0; i < args.threads; ++i) threads.emplace_back([&] { ioc.run(); });
  greenlane::http::bench::AnnounceAndWait(acceptor.local_endpoint().port(), signals);
  ioc.stop();
  for (auto& thread : threads) thread.join();
  return 0;
}
