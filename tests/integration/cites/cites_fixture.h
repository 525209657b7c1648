#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "api/cites_server.h"
#include "domain/permit.h"
#include "greenlane/core/clock.h"
#include "greenlane/pg/test_database.h"
#include "greenlane/v1/cites.grpc.pb.h"

namespace cites_test {

using namespace greenlane;

/// GREENLANE_TEST_PKI_DIR; fails the test when it is not set.
std::string PkiDir();

/// A fresh database migrated with migrations/cites, and greenlane-cites serving it in-process on
/// port 0 with the test PKI and signing/cites.pem, its clock fixed at 2025-03-10T09:00:00Z (the
/// issue day of the unit fixtures' permits).
class CitesFixture {
 public:
  CitesFixture();
  ~CitesFixture();

  /// A stub whose channel presents clients/<client>.crt.
  std::unique_ptr<v1::CitesService::Stub> Stub(const std::string& client = "service-api") const;

  /// SELECT of one integer, on the test database.
  long long Count(const std::string& sql) const;

  core::ManualClock clock;
  pg::TestDatabase db{"gl_cites"};
  std::string pki;

 private:
  std::unique_ptr<cites::CitesServer> server_;
  unsigned short port_ = 0;
};

/// A call context with a deadline, relayed by the facade for `actor` with `roles`.
std::unique_ptr<grpc::ClientContext> Context(const std::string& actor = "officer-7",
                                             const std::vector<std::string>& roles = {"officer"});

/// `permit` as the proto a caller sends (number cleared when `keep_number` is false).
v1::CitesPermit ProtoOf(const cites::Permit& permit, bool keep_number = false);

/// CreateDraft then Issue; fails the test unless both succeed. Returns the issued permit.
v1::CitesPermit DraftAndIssue(v1::CitesService::Stub& stub, const cites::Permit& permit,
                              const std::string& applicant = "trader-1");

}  // namespace cites_test
