#pragma once

#include <grpcpp/grpcpp.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "api/timber_server.h"
#include "greenlane/redis/test_server.h"
#include "greenlane/rpc/caller.h"
#include "greenlane/rpc/channel.h"
#include "greenlane/v1/timber.grpc.pb.h"
#include "timber_fixture.h"

namespace greenlane::timber::testing {

inline std::string PkiDir() {
  const char* dir = std::getenv("GREENLANE_TEST_PKI_DIR");
  if (dir == nullptr || *dir == '\0') {
    FAIL(
        "GREENLANE_TEST_PKI_DIR is not set: run the tests through scripts/test (or source the output of "
        "scripts/test-services start DIR), which makes a development PKI");
  }
  return dir;
}

/// Who a call is made for, as the REST facade relays it.
struct As {
  std::string actor;
  std::vector<std::string> roles;
};

inline const As kOfficer{"officer-7", {"officer"}};
inline const As kTraderA{"trader-bois-du-nord", {"trader"}};
inline const As kTraderB{"trader-other", {"trader"}};

/// TimberDatabase (its registry, clock at 2026-03-10T09:00:00Z) served by greenlane-timber in-process on
/// port 0 with the test PKI and the dev signing key signing/timber.pem.
struct TimberServiceFixture {
  TimberDatabase db;
  std::string pki = PkiDir();
  std::unique_ptr<TimberServer> server;
  unsigned short port = 0;

  TimberServiceFixture() {
    TimberSettings settings;
    settings.port = 0;
    settings.tls_cert_file = pki + "/servers/timber.crt";
    settings.tls_key_file = pki + "/servers/timber.key";
    settings.tls_client_ca_file = pki + "/ca.crt";
    settings.workers = 4;
    settings.pg_url = db.database.url();
    settings.pg_pool_size = 4;
    settings.redis_url = redis::TestServerUrl();
    settings.data_dir = std::string(GREENLANE_SOURCE_DIR) + "/services/timber/data";
    settings.signing_key_file = pki + "/signing/timber.pem";
    settings.shutdown_grace = std::chrono::milliseconds(2000);
    server = std::make_unique<TimberServer>(settings, db.clock, std::make_shared<prometheus::Registry>());
    port = server->Start();
  }
  ~TimberServiceFixture() { server->Stop(); }

  /// A stub presenting clients/<client>.crt.
  std::unique_ptr<v1::TimberService::Stub> Stub(const std::string& client = "service-api") const {
    const rpc::TlsFiles tls{pki + "/ca.crt", pki + "/clients/" + client + ".crt", pki + "/clients/" + client + ".key"};
    return v1::TimberService::NewStub(rpc::MakeChannel(
        {.target = "127.0.0.1:" + std::to_string(port), .tls = tls, .server_name_override = "timber"}));
  }

  /// Calls `method` on a service-api stub for `as`; returns the status, the response in `response`.
  template <typename Request, typename Response, typename Method>
  grpc::Status Call(Method method, const Request& request, Response* response, const As& as = kOfficer,
                    const std::string& client = "service-api") const {
    auto stub = Stub(client);
    grpc::ClientContext context;
    rpc::SetDeadline(context, std::chrono::seconds(20));
    rpc::ActFor(context, as.actor, as.roles);
    return ((*stub).*method)(&context, request, response);
  }
};

inline void SetTime(google::protobuf::Timestamp* out, const std::string& rfc3339) {
  out->set_seconds(core::ToUnixSeconds(At(rfc3339)));
}

inline const std::vector<std::string> kServicePhotos = {"photos/load.jpg", "photos/plate.jpg", "photos/tags.jpg"};

/// A waybill from the forest camp to the sawmill at 11:00 local time, carrying `items`.
inline v1::TimberIssueWaybillRequest WaybillRequest(const TimberDatabase& db, const std::string& number,
                                                    const std::vector<std::string>& items) {
  v1::TimberIssueWaybillRequest request;
  request.set_number(number);
  request.set_origin_site_id(db.forest_id);
  request.set_destination_site_id(db.sawmill_id);
  request.set_vehicle("GA-1234-AB");
  request.set_driver("Jean Mba");
  for (const auto& item : items) request.add_items(item);
  SetTime(request.mutable_issued_at(), "2026-03-10T10:00:00Z");
  for (const auto& photo : kServicePhotos) request.add_photo_refs(photo);
  return request;
}

}  // namespace greenlane::timber::testing
