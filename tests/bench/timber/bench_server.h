#pragma once

#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include "api/timber_server.h"
#include "greenlane/redis/test_server.h"
#include "greenlane/rpc/channel.h"
#include "greenlane/v1/timber.grpc.pb.h"
#include "timber_fixture.h"

namespace greenlane::timber::bench {

/// Ends the run with `what` when a setup step fails: a load driver has nothing to measure then.
inline void Require(bool ok, const std::string& what) {
  if (!ok) {
    std::cerr << "setup failed: " << what << "\n";
    std::exit(1);
  }
}

inline std::string PkiDir() {
  const char* dir = std::getenv("GREENLANE_TEST_PKI_DIR");
  Require(dir != nullptr && *dir != '\0', "GREENLANE_TEST_PKI_DIR is not set (scripts/test-services start DIR)");
  return dir;
}

/// greenlane-timber in-process on port 0 over `db`, with the test PKI, as the integration tests run it.
struct BenchServer {
  std::string pki = PkiDir();
  std::unique_ptr<TimberServer> server;
  unsigned short port = 0;

  BenchServer(testing::TimberDatabase& db, int workers, int pg_pool_size) {
    TimberSettings settings;
    settings.port = 0;
    settings.tls_cert_file = pki + "/servers/timber.crt";
    settings.tls_key_file = pki + "/servers/timber.key";
    settings.tls_client_ca_file = pki + "/ca.crt";
    settings.workers = workers;
    settings.pg_url = db.database.url();
    settings.pg_pool_size = pg_pool_size;
    settings.redis_url = redis::TestServerUrl();
    settings.data_dir = std::string(GREENLANE_SOURCE_DIR) + "/services/timber/data";
    settings.signing_key_file = pki + "/signing/timber.pem";
    settings.max_message_bytes = 64 << 20;
    server = std::make_unique<TimberServer>(settings, db.clock, std::make_shared<prometheus::Registry>());
    port = server->Start();
  }

  /// A stub presenting clients/service-api.crt, as the REST facade calls.
  std::unique_ptr<v1::TimberService::Stub> Stub() const {
    return v1::TimberService::NewStub(rpc::MakeChannel(
        {.target = "127.0.0.1:" + std::to_string(port),
         .tls = rpc::TlsFiles{pki + "/ca.crt", pki + "/clients/service-api.crt", pki + "/clients/service-api.key"},
         .server_name_override = "timber"}));
  }
};

}  // namespace greenlane::timber::bench
