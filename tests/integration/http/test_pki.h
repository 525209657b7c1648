#pragma once

#include <string>

namespace greenlane::http::testing {

/// A throw-away PKI made with the openssl command line in a private temp dir: a CA, a server
/// certificate for 127.0.0.1/localhost, a client certificate (CN "gateway-01") signed by the CA
/// and a self-signed "intruder" client certificate the CA never signed. Removed on destruction.
class TestPki {
 public:
  TestPki();
  ~TestPki();
  TestPki(const TestPki&) = delete;
  TestPki& operator=(const TestPki&) = delete;

  std::string File(const std::string& name) const { return dir_ + "/" + name; }
  std::string ca() const { return File("ca.pem"); }
  std::string server_cert() const { return File("server.pem"); }
  std::string server_key() const { return File("server.key"); }
  std::string client_cert() const { return File("client.pem"); }
  std::string client_key() const { return File("client.key"); }
  std::string intruder_cert() const { return File("intruder.pem"); }
  std::string intruder_key() const { return File("intruder.key"); }

 private:
  void Run(const std::string& command) const;
  void Issue(const std::string& name, const std::string& subject, const std::string& extensions) const;

  std::string dir_;
};

}  // namespace greenlane::http::testing
