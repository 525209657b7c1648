#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace greenlane::http {

struct ClientOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  bool tls = false;
  /// CA bundle for verifying the server (host name or IP checked too); empty = system CAs.
  std::string ca_file;
  std::string cert_file;  ///< client certificate for mutual TLS (PEM); empty = none
  std::string key_file;
  std::chrono::milliseconds timeout{10000};  ///< per connect, handshake, write and read
};

struct ClientResponse {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  ///< lower-case names; repeated headers joined with ", "
  std::string body;
};

/// A small synchronous HTTP/1.1 client for tests, webhooks and partner calls. Not thread-safe:
/// one Client per thread.
class Client {
 public:
  explicit Client(ClientOptions options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// Sends one request and reads the whole answer. Keeps the connection alive across calls and
  /// reconnects once when the server has closed a reused connection. Throws
  /// core::GreenlaneException (kUnavailable) on connect, TLS, I/O errors and timeouts.
  ClientResponse Send(const std::string& method, const std::string& target, const std::string& body = "",
                      const std::vector<std::pair<std::string, std::string>>& headers = {});

  /// For hostile-input tests: opens a fresh connection, writes `bytes` as they are, and returns
  /// whatever the server answers until it closes the connection or the timeout passes. Write
  /// errors are ignored (the server may close early); connect errors throw like Send.
  std::string SendRaw(const std::string& bytes);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace greenlane::http
