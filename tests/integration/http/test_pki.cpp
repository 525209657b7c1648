#include "test_pki.h"

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace greenlane::http::testing {
namespace {

constexpr const char* kNewKey = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";

}  // namespace

TestPki::TestPki() {
  std::string pattern = (std::filesystem::temp_directory_path() / "gl-http-pki-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temp dir for the test PKI");
  dir_ = pattern;
  Run(std::string("openssl req -x509 ") + kNewKey +
      " -keyout ca.key -out ca.pem -days 2 -subj '/CN=Greenlane Test CA'" +
      " -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign");
  Issue("server", "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  Issue("client", "/O=Greenlane Test/CN=gateway-01", "extendedKeyUsage=clientAuth\n");
  Run(std::string("openssl req -x509 ") + kNewKey + " -keyout intruder.key -out intruder.pem -days 2" +
      " -subj '/CN=intruder'");
}

TestPki::~TestPki() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void TestPki::Run(const std::string& command) const {
  std::string full = "cd '" + dir_ + "' && " + command + " >>openssl.log 2>&1";
  if (std::system(full.c_str()) != 0) {
    std::ifstream log(File("openssl.log"));
    std::string output((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    throw std::runtime_error("test PKI command failed: " + command + "\n" + output);
  }
}

void TestPki::Issue(const std::string& name, const std::string& subject, const std::string& extensions) const {
  std::ofstream(File(name + ".ext")) << extensions;
  Run(std::string("openssl req ") + kNewKey + " -keyout " + name + ".key -out " + name + ".csr -subj '" + subject +
      "'");
  Run("openssl x509 -req -in " + name + ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out " + name +
      ".pem -extfile " + name + ".ext");
}

}  // namespace greenlane::http::testing
