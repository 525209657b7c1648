#include <catch2/catch.hpp>

#include "greenlane/http/client.h"
#include "ingest_fixture.h"

using namespace ingest_test;
using Catch::Matchers::Contains;

TEST_CASE("/metrics counts readings accepted, duplicate and rejected, /healthz answers") {
  IngestFixture fixture;
  auto stub = fixture.Stub();
  auto bad = MakeReading(3, "1003");
  bad.mutable_reading()->set_kind("laser");
  // The second batch resends readings 1 and 2 under their sequences: duplicates, not stored again.
  const auto result =
      Upload(*stub, {Batch({MakeReading(1, "1001"), MakeReading(2, "1002", 1), bad}),
                     Batch({MakeReading(1, "1001"), MakeReading(2, "1002", 1), MakeReading(4, "1004", 2)})});
  REQUIRE(result.status.ok());

  http::Client client({.port = fixture.metrics_port()});
  const auto metrics = client.Send("GET", "/metrics");
  REQUIRE(metrics.status == 200);
  CHECK_THAT(metrics.body, Contains("greenlane_ingest_readings_total{outcome=\"accepted\"} 3"));
  CHECK_THAT(metrics.body, Contains("greenlane_ingest_readings_total{outcome=\"duplicate\"} 2"));
  CHECK_THAT(metrics.body, Contains("greenlane_ingest_readings_total{outcome=\"rejected\"} 1"));
  CHECK_THAT(metrics.body, Contains("greenlane_grpc_"));
  CHECK(client.Send("GET", "/healthz").status == 200);
}
