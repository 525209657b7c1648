#pragma once

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#include "dispatch.h"
#include "greenlane/core/log.h"
#include "greenlane/http/responder.h"
#include "server_context.h"
#include "tls.h"

namespace greenlane::http::detail {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

/// One connection. Every step runs on the connection's strand (the socket's executor), one
/// request at a time: read it whole, answer it, then read the next, so pipelined requests are
/// answered in order and at most one request per connection is buffered.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  template <class... StreamArgs>
  Session(ServerContext& context, tcp::socket&& socket, StreamArgs&... stream_args)
      : context_(context),
        stream_(std::move(socket), stream_args...),
        buffer_(context.options.header_limit + kReadAhead) {
    ++context_.open_connections;
    beast::error_code ec;
    auto endpoint = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
    if (!ec) peer_.remote_ip = endpoint.address().to_string();
  }
  ~Session() { --context_.open_connections; }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Run() { net::dispatch(stream_.get_executor(), Bind(&Session::OnRun)); }

 private:
  // Bytes a client may keep sending after an error answer that we read and drop before closing,
  // and for how long: closing with unread input makes the kernel send a reset, which can destroy
  // the answer before the client reads it.
  static constexpr std::size_t kLingerBytes = 1 << 20;
  static constexpr std::chrono::seconds kLingerTime{1};
  static constexpr std::size_t kReadChunk = 4096;

  template <class Member>
  auto Bind(Member member) {
    return beast::bind_front_handler(member, this->shared_from_this());
  }
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

  void OnRun() {
    if constexpr (kTls) {
      Lowest().expires_after(context_.options.read_timeout);
      stream_.async_handshake(net::ssl::stream_base::server, Bind(&Session::OnHandshake));
    } else {
      WaitForRequest();
    }
  }

  void OnHandshake(beast::error_code ec) {
    if (ec) {
      log::Debug("http tls handshake failed", {{"remote_ip", peer_.remote_ip}, {"error", ec.message()}});
      return;
    }
    if constexpr (kTls) peer_.peer_subject = VerifiedPeerSubject(stream_.native_handle());
    WaitForRequest();
  }

  // An idle keep-alive connection may wait idle_timeout for its next request; once the first
  // byte arrives the whole request must follow within read_timeout.
  void WaitForRequest() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(context_.options.header_limit));
    parser_->body_limit(context_.options.body_limit);
    if (buffer_.size() > 0) {  // a pipelined request is already here
      ReadHeader();
      return;
    }
    Lowest().expires_after(context_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(kReadChunk), Bind(&Session::OnFirstBytes));
  }

  void OnFirstBytes(beast::error_code ec, std::size_t bytes) {
    if (ec) return;  // idle timeout or the client left
    buffer_.commit(bytes);
    ReadHeader();
  }

  void ReadHeader() {
    started_ = std::chrono::steady_clock::now();
    Lowest().expires_after(context_.options.read_timeout);
    beast::http::async_read_header(stream_, buffer_, *parser_, Bind(&Session::OnHeader));
  }

  void OnHeader(beast::error_code ec, std::size_t) {
    if (ec) {
      OnReadError(ec);
      return;
    }
    if (!parser_->is_done() && beast::iequals(parser_->get()[beast::http::field::expect], "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()), Bind(&Session::OnContinueSent));
      return;
    }
    ReadBody();
  }

  void OnContinueSent(beast::error_code ec, std::size_t) {
    if (!ec) ReadBody();
  }

  void ReadBody() {
    if (parser_->is_done()) {  // no body, or it came with the header: skip an async read that would complete at once
      Dispatch();
      return;
    }
    beast::http::async_read(stream_, buffer_, *parser_, Bind(&Session::OnBody));
  }

  void OnBody(beast::error_code ec, std::size_t) {
    if (ec) {
      OnReadError(ec);
      return;
    }
    Dispatch();
  }

  void OnReadError(beast::error_code ec) {
    using beast::http::error;
    const auto& options = context_.options;
    if (ec == error::header_limit) {
      Reject(Begin({}, peer_, started_),
             Problem(431, "header-too-large", "Request header fields too large",
                     "request header exceeds the limit of " + std::to_string(options.header_limit) + " bytes"));
    } else if (ec == error::body_limit) {
      // The header is complete: answer now, without reading the body.
      Reject(Begin(parser_->release(), peer_, started_),
             Problem(core::Error{core::ErrorKind::kPayloadTooLarge,
                                 "request body exceeds the limit of " + std::to_string(options.body_limit) + " bytes",
                                 "body"}));
    } else if (ec.category() == beast::http::make_error_code(error::bad_target).category() &&
               ec != error::end_of_stream && ec != error::partial_message) {
      Reject(Begin({}, peer_, started_),
             Problem(core::Error::InvalidArgument("", "malformed HTTP/1.1 request: " + ec.message())));
    }
    // Anything else (timeout, reset, end of stream) means the client is gone or too slow: the
    // session ends and the socket closes with it.
  }

  void Dispatch() {
    auto exchange = std::make_shared<Exchange>(Begin(parser_->release(), peer_, started_));
    if (auto answer = Resolve(context_, *exchange)) {
      Write(Finish(context_, *exchange, std::move(*answer), false));
      return;
    }
    if (exchange->route->non_blocking) {
      Write(Finish(context_, *exchange, Execute(context_, *exchange), false));
      return;
    }
    context_.TaskQueued();
    const bool started = exchange->route->start != nullptr;
    auto respond = std::make_shared<Responder>(Deliverer(exchange));
    if (started && Start(context_, *exchange, *respond)) return;
    // On a worker: the blocking handler, or what start declined (its before hook has run).
    const bool queued = context_.workers.TrySubmit([&context = context_, exchange, respond, started] {
      (*respond)(started ? Handle(*exchange) : Execute(context, *exchange));
    });
    if (!queued) (*respond)(Busy());
  }

  // Delivers the answer from whichever thread has it (a worker, a gRPC callback, this one): the
  // after hook runs there, the write goes back to the connection's strand.
  std::function<void(Response)> Deliverer(std::shared_ptr<Exchange> exchange) {
    return [self = this->shared_from_this(), exchange = std::move(exchange)](Response response) mutable {
      ServerContext& context = self->context_;
      WireResponse wire = Finish(context, *exchange, std::move(response), false);
      auto executor = self->stream_.get_executor();
      // The posted handler takes the last reference this delivery holds, so once TaskDone() lets
      // the server stop, nothing on this thread touches the session or the I/O context again.
      net::post(executor, [self = std::move(self), wire = std::move(wire)]() mutable { self->Write(std::move(wire)); });
      context.TaskDone();
    };
  }

  void Reject(Exchange exchange, Response answer) { Write(Finish(context_, exchange, std::move(answer), true)); }

  void Write(WireResponse wire) {
    reply_ = std::move(wire);
    Lowest().expires_after(context_.options.read_timeout);
    beast::http::async_write(stream_, *reply_, Bind(&Session::OnWrite));
  }

  void OnWrite(beast::error_code ec, std::size_t) {
    bool close = reply_->need_eof();
    reply_.reset();
    if (ec) return;
    if (close) {
      Shutdown();
    } else {
      WaitForRequest();
    }
  }

  void Shutdown() {
    Lowest().expires_after(kLingerTime);
    if constexpr (kTls) {
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {});
    } else {
      beast::error_code ec;
      Lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
      buffer_.clear();
      Linger();
    }
  }

  void Linger() {
    Lowest().async_read_some(buffer_.prepare(kReadChunk),
                             [self = this->shared_from_this()](beast::error_code ec, std::size_t bytes) {
                               self->lingered_ += bytes;
                               if (!ec && self->lingered_ < kLingerBytes) self->Linger();
                             });
  }

  // Beast limits the header and the body, but not chunk extensions or trailers: without a bound on
  // the read buffer a chunked request could grow it for the whole read timeout. A full buffer
  // ends the read with buffer_overflow, answered 400.
  static constexpr std::size_t kReadAhead = 64 * 1024;

  ServerContext& context_;
  Stream stream_;
  beast::flat_buffer buffer_;
  PeerInfo peer_;
  std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
  std::optional<WireResponse> reply_;
  std::chrono::steady_clock::time_point started_;
  std::size_t lingered_ = 0;
};

}  // namespace greenlane::http::detail
