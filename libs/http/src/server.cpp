#include "greenlane/http/server.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <mutex>
#include <thread>
#include <vector>

#include "greenlane/core/error.h"
#include "greenlane/core/log.h"
#include "server_context.h"
#include "session.h"
#include "tls.h"

namespace greenlane::http {

struct Server::Impl {
  Impl(ServerOptions options, const Router& router, Hooks hooks, core::WorkerPool& workers)
      : context(std::move(options), router, std::move(hooks), workers),
        ioc(std::max(1, context.options.io_threads)),
        acceptor(ioc),
        accept_retry(ioc) {
    if (context.options.tls) tls.emplace(detail::MakeServerTlsContext(*context.options.tls));
  }

  void Accept() {
    acceptor.async_accept(
        detail::net::make_strand(ioc),
        [this](boost::system::error_code ec, detail::tcp::socket socket) { OnAccept(ec, std::move(socket)); });
  }

  void OnAccept(boost::system::error_code ec, detail::tcp::socket socket) {
    if (ec == detail::net::error::operation_aborted) return;
    if (ec) {
      // Usually out of file descriptors: back off instead of spinning on the error.
      log::Warn("http accept failed", {{"error", ec.message()}});
      accept_retry.expires_after(std::chrono::milliseconds(100));
      accept_retry.async_wait([this](boost::system::error_code wait_ec) {
        if (!wait_ec) Accept();
      });
      return;
    }
    if (context.open_connections.load() >= context.options.max_connections) {
      ++context.refused_connections;
      boost::system::error_code close_ec;
      socket.close(close_ec);
    } else {
      ++context.accepted_connections;
      if (tls) {
        std::make_shared<detail::Session<detail::TlsStream>>(context, std::move(socket), *tls)->Run();
      } else {
        std::make_shared<detail::Session<detail::PlainStream>>(context, std::move(socket))->Run();
      }
    }
    Accept();
  }

  void RunLoop() {
    for (;;) {
      try {
        ioc.run();
        return;
      } catch (const std::exception& e) {
        // Handlers catch their own failures; one escaping is a bug but must not stop this thread.
        log::Error("http io thread: a handler threw", {{"error", e.what()}});
      }
    }
  }

  // Declaration order is destruction order in reverse: sessions die with the io_context and use
  // the context and the TLS context until then.
  detail::ServerContext context;
  std::optional<detail::net::ssl::context> tls;
  detail::net::io_context ioc;
  detail::tcp::acceptor acceptor;
  detail::net::steady_timer accept_retry;
  std::vector<std::thread> threads;
  std::mutex lifecycle_mutex;
  bool started = false;
  bool stopped = false;
  unsigned short port = 0;
};

Server::Server(ServerOptions options, const Router& router, Hooks hooks, core::WorkerPool& workers)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(hooks), workers)) {}

Server::~Server() { Stop(); }

void Server::Start() {
  std::lock_guard lock(impl_->lifecycle_mutex);
  if (impl_->started || impl_->stopped) return;
  const auto& options = impl_->context.options;
  auto fail = [&](const std::string& what, const boost::system::error_code& ec) {
    throw core::GreenlaneException(core::Error{
        core::ErrorKind::kUnavailable,
        "http server cannot " + what + " " + options.address + ":" + std::to_string(options.port) + ": " + ec.message(),
        "address"});
  };
  boost::system::error_code ec;
  auto address = detail::net::ip::make_address(options.address, ec);
  if (ec) fail("parse address", ec);
  detail::tcp::endpoint endpoint(address, options.port);
  auto& acceptor = impl_->acceptor;
  if (acceptor.open(endpoint.protocol(), ec)) fail("open a socket for", ec);
  if (acceptor.set_option(detail::net::socket_base::reuse_address(true), ec)) fail("set SO_REUSEADDR on", ec);
  if (acceptor.bind(endpoint, ec)) fail("bind", ec);
  if (acceptor.listen(detail::net::socket_base::max_listen_connections, ec)) fail("listen on", ec);
  impl_->port = acceptor.local_endpoint().port();
  impl_->Accept();
  for (int i = 0; i < std::max(1, options.io_threads); ++i) impl_->threads.emplace_back([this] { impl_->RunLoop(); });
  impl_->started = true;
}

unsigned short Server::port() const { return impl_->port; }

void Server::Stop() {
  std::lock_guard lock(impl_->lifecycle_mutex);
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->ioc.stop();
  for (auto& thread : impl_->threads) thread.join();
  impl_->threads.clear();
  boost::system::error_code ec;
  impl_->acceptor.close(ec);
  impl_->context.WaitForTasks();
}

ServerStats Server::stats() const {
  return {impl_->context.open_connections.load(), impl_->context.accepted_connections.load(),
          impl_->context.refused_connections.load()};
}

}  // namespace greenlane::http
