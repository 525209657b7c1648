#include "greenlane/http/client.h"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>

#include "greenlane/core/config.h"
#include "greenlane/core/error.h"

namespace greenlane::http {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using WireRequest = beast::http::request<beast::http::string_body>;
using ResponseParser = beast::http::response_parser<beast::http::string_body>;

// Answers larger than this are refused: a partner or a test must not make us buffer without bound.
constexpr std::uint64_t kResponseBodyLimit = 64ULL << 20;

// What a response may hold unparsed at once (status line, headers, chunk framing).
constexpr std::size_t kMaxUnparsedBytes = 1 << 20;

/// Runs one async operation on the client's private io_context until it completes. The stream's
/// own timer (expires_after) bounds it, so a synchronous call can never hang.
template <class Start>
beast::error_code RunOne(net::io_context& ioc, Start&& start) {
  beast::error_code result = net::error::operation_aborted;
  bool done = false;
  start([&](beast::error_code ec, auto&&...) {
    result = ec;
    done = true;
  });
  ioc.restart();
  while (!done && ioc.run_one() > 0) {
  }
  return result;
}

/// A connection over a plain or a TLS stream, behind one interface so Client needs no templates.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual beast::error_code Connect(const tcp::resolver::results_type& endpoints, const std::string& host) = 0;
  virtual beast::error_code Write(WireRequest& request) = 0;
  virtual beast::error_code Read(ResponseParser& parser) = 0;
  virtual beast::error_code WriteRaw(const std::string& bytes) = 0;
  /// Appends what arrives to `out`; the deadline is absolute so a trickling server cannot extend it.
  virtual beast::error_code ReadSome(std::string& out, std::chrono::steady_clock::time_point deadline) = 0;
};

template <class Stream>
class StreamConnection final : public Connection {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  template <class... Args>
  StreamConnection(net::io_context& ioc, std::chrono::milliseconds timeout, Args&... stream_args)
      : ioc_(ioc), timeout_(timeout), stream_(ioc, stream_args...) {}

  beast::error_code Connect(const tcp::resolver::results_type& endpoints, const std::string& host) override {
    Lowest().expires_after(timeout_);
    auto ec = RunOne(ioc_, [&](auto handler) { Lowest().async_connect(endpoints, std::move(handler)); });
    if (ec) return ec;
    if constexpr (kTls) {
      beast::error_code parse_ec;
      net::ip::make_address(host, parse_ec);
      bool is_ip = !parse_ec;
      // SNI only carries DNS names; the certificate is checked against the name or the IP.
      if (!is_ip) SSL_set_tlsext_host_name(stream_.native_handle(), host.c_str());
      stream_.set_verify_callback(ssl::host_name_verification(host));
      Lowest().expires_after(timeout_);
      ec = RunOne(ioc_, [&](auto handler) { stream_.async_handshake(ssl::stream_base::client, std::move(handler)); });
    }
    return ec;
  }

  beast::error_code Write(WireRequest& request) override {
    Lowest().expires_after(timeout_);
    return RunOne(ioc_, [&](auto handler) { beast::http::async_write(stream_, request, std::move(handler)); });
  }

  beast::error_code Read(ResponseParser& parser) override {
    Lowest().expires_after(timeout_);
    return RunOne(ioc_, [&](auto handler) { beast::http::async_read(stream_, buffer_, parser, std::move(handler)); });
  }

  beast::error_code WriteRaw(const std::string& bytes) override {
    Lowest().expires_after(timeout_);
    return RunOne(ioc_, [&](auto handler) { net::async_write(stream_, net::buffer(bytes), std::move(handler)); });
  }

  beast::error_code ReadSome(std::string& out, std::chrono::steady_clock::time_point deadline) override {
    Lowest().expires_at(deadline);
    std::size_t received = 0;
    auto ec = RunOne(ioc_, [&](auto handler) {
      stream_.async_read_some(buffer_.prepare(16 << 10),
                              [&, handler = std::move(handler)](beast::error_code e, std::size_t bytes) mutable {
                                received = bytes;
                                handler(e);
                              });
    });
    buffer_.commit(received);
    out += beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    return ec;
  }

 private:
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

  net::io_context& ioc_;
  std::chrono::milliseconds timeout_;
  Stream stream_;
  beast::flat_buffer buffer_{kMaxUnparsedBytes};  // bounded: a hostile server cannot grow it forever
};

bool IsIdempotent(beast::http::verb method) {
  using beast::http::verb;
  return method == verb::get || method == verb::head || method == verb::put || method == verb::delete_ ||
         method == verb::options;
}

bool IsStaleConnection(const beast::error_code& ec) {
  return ec == net::error::eof || ec == net::error::connection_reset || ec == net::error::broken_pipe ||
         ec == beast::http::error::end_of_stream || ec == ssl::error::stream_truncated;
}

std::string Lower(beast::string_view text) {
  std::string out(text.data(), text.size());
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

struct Client::Impl {
  explicit Impl(ClientOptions options_in) : options(std::move(options_in)) {
    if (options.tls) tls.emplace(MakeTlsContext());
  }

  ssl::context MakeTlsContext() const {
    ssl::context context(ssl::context::tls_client);
    context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                        ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    beast::error_code ec;
    auto check = [&](const std::string& what, const std::string& file) {
      if (ec) throw core::ConfigError("http client " + what + " '" + file + "': " + ec.message());
    };
    if (options.ca_file.empty()) {
      context.set_default_verify_paths(ec);
      check("system CA paths", "");
    } else {
      context.load_verify_file(options.ca_file, ec);
      check("ca_file", options.ca_file);
    }
    context.set_verify_mode(ssl::verify_peer);
    if (!options.cert_file.empty()) {
      context.use_certificate_chain_file(options.cert_file, ec);
      check("cert_file", options.cert_file);
      context.use_private_key_file(options.key_file, ssl::context::pem, ec);
      check("key_file", options.key_file);
    }
    return context;
  }

  [[noreturn]] void Fail(const std::string& what, const beast::error_code& ec) const {
    throw core::GreenlaneException(core::Error{
        core::ErrorKind::kUnavailable,
        "http client cannot " + what + " " + options.host + ":" + std::to_string(options.port) + ": " + ec.message(),
        ""});
  }

  std::unique_ptr<Connection> Connect() {
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    auto endpoints = resolver.resolve(options.host, std::to_string(options.port), ec);
    if (ec) Fail("resolve", ec);
    std::unique_ptr<Connection> connection;
    if (tls) {
      connection = std::make_unique<StreamConnection<beast::ssl_stream<beast::tcp_stream>>>(ioc, options.timeout, *tls);
    } else {
      connection = std::make_unique<StreamConnection<beast::tcp_stream>>(ioc, options.timeout);
    }
    ec = connection->Connect(endpoints, options.host);
    if (ec) Fail("connect to", ec);
    return connection;
  }

  /// Writes `request` and reads the answer on the current connection; the error says which step failed.
  beast::error_code Exchange(WireRequest& request, ResponseParser& parser, std::string& failed_step) {
    if (auto ec = connection->Write(request)) {
      failed_step = "send to";
      return ec;
    }
    if (auto ec = connection->Read(parser)) {
      failed_step = "read an answer from";
      return ec;
    }
    return {};
  }

  ClientOptions options;
  net::io_context ioc;
  std::optional<ssl::context> tls;
  std::unique_ptr<Connection> connection;
};

Client::Client(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Client::~Client() = default;

ClientResponse Client::Send(const std::string& method, const std::string& target, const std::string& body,
                            const std::vector<std::pair<std::string, std::string>>& headers) {
  WireRequest request;
  auto verb = beast::http::string_to_verb(method);
  if (verb == beast::http::verb::unknown) {
    request.method_string(method);
  } else {
    request.method(verb);
  }
  request.target(target);
  request.version(11);
  request.set(beast::http::field::host, impl_->options.host + ":" + std::to_string(impl_->options.port));
  request.set(beast::http::field::user_agent, "greenlane-http-client");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  request.prepare_payload();

  auto make_parser = [&] {
    auto parser = std::make_unique<ResponseParser>();
    parser->body_limit(kResponseBodyLimit);
    parser->skip(verb == beast::http::verb::head);  // a HEAD answer announces a body it does not send
    return parser;
  };
  bool reused = impl_->connection != nullptr;
  if (!reused) impl_->connection = impl_->Connect();
  auto parser = make_parser();
  std::string failed_step;
  auto ec = impl_->Exchange(request, *parser, failed_step);
  // The server closed the kept-alive connection: send again once, but a POST only when it never left
  // (the server may have acted on a request it read and then closed without answering).
  if (ec && reused && IsStaleConnection(ec) && (failed_step == "send to" || IsIdempotent(verb))) {
    impl_->connection = impl_->Connect();
    parser = make_parser();
    ec = impl_->Exchange(request, *parser, failed_step);
  }
  if (ec) {
    impl_->connection.reset();
    impl_->Fail(failed_step, ec);
  }

  auto message = parser->release();
  if (!message.keep_alive()) impl_->connection.reset();
  ClientResponse response;
  response.status = message.result_int();
  for (const auto& field : message) {
    std::string name = Lower(field.name_string());
    auto [it, inserted] = response.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  response.body = std::move(message.body());
  return response;
}

std::string Client::SendRaw(const std::string& bytes) {
  auto connection = impl_->Connect();
  auto deadline = std::chrono::steady_clock::now() + impl_->options.timeout;
  // The server may answer and close before taking everything: what it said still counts.
  [[maybe_unused]] auto write_ec = connection->WriteRaw(bytes);
  std::string answer;
  while (!connection->ReadSome(answer, deadline)) {
  }
  return answer;
}

}  // namespace greenlane::http
