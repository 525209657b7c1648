#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "greenlane/core/worker_pool.h"
#include "greenlane/http/request.h"
#include "greenlane/http/response.h"
#include "greenlane/http/router.h"

namespace greenlane::http {

/// PEM files for HTTPS. With client_ca_file, client certificates are verified against it and the
/// subject CN of a valid one is given to handlers as Request::peer_subject.
struct TlsOptions {
  std::string cert_file;  ///< server certificate chain
  std::string key_file;
  std::string client_ca_file;
  bool require_client_cert = false;  ///< refuse handshakes without a valid client certificate
};

/// Cross-cutting behaviour the service plugs in without the server knowing about auth or metrics.
struct Hooks {
  /// Runs before the handler, on the same thread (auth, rate limits); a Response short-circuits.
  std::function<std::optional<Response>(Request&, const Route&)> before;
  /// Runs once for every response, including those the server makes itself (400, 404, 405, 413,
  /// 415, 431, 503); route is null when no route matched. Keep it cheap: metrics, access log.
  std::function<void(const Request&, const Route* route, const Response&, std::chrono::nanoseconds elapsed)> after;
};

/// Every limit is explicit so a hostile client cannot make the server buffer or wait without bound.
struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 0;  ///< 0 binds any free port; Server::port() tells which
  int io_threads = 1;
  std::size_t body_limit = 1 << 20;     ///< larger bodies get 413 before they are read
  std::size_t header_limit = 16 << 10;  ///< larger headers get 431
  /// A request must arrive completely within this time from its first byte (stops slowloris);
  /// also bounds the TLS handshake and writing a response.
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds idle_timeout{60};  ///< a keep-alive connection with no request is closed
  std::size_t max_connections = 10000;    ///< connections beyond this are closed at accept
  std::optional<TlsOptions> tls;
};

/// Counters for metrics and tests.
struct ServerStats {
  std::size_t open_connections = 0;
  std::uint64_t accepted_connections = 0;
  std::uint64_t refused_connections = 0;  ///< closed at accept because max_connections was reached
};

/// An async HTTP/1.1 (optionally TLS) server. I/O runs on io_threads threads (each connection on
/// its own strand, one request at a time, so pipelined requests are answered in order); handlers
/// run on `workers` unless their route is non_blocking, or started (Route::start: the I/O thread
/// starts it, and it answers later from any thread). A full worker queue answers 503 with
/// Retry-After instead of queuing without bound. Stop() waits for every answer still owed.
///
/// `router`, the hooks' captures and `workers` must outlive the Server.
class Server {
 public:
  /// Loads the TLS files; throws core::ConfigError naming the file when one cannot be used.
  Server(ServerOptions options, const Router& router, Hooks hooks, core::WorkerPool& workers);
  ~Server();  ///< Stops.
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds, listens and starts the I/O threads. Throws core::GreenlaneException (kUnavailable)
  /// naming the address when it cannot listen.
  void Start();
  /// The bound port (after Start).
  unsigned short port() const;
  /// Stops accepting, stops the I/O threads and waits for handlers already running on workers.
  /// Open connections are dropped without an answer. Idempotent; the server cannot be restarted.
  void Stop();

  ServerStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace greenlane::http
