#include <catch2/catch.hpp>
#include <thread>

#include "greenlane/rpc/channel.h"
#include "ingest_fixture.h"

using namespace ingest_test;
using Catch::Matchers::Contains;

TEST_CASE("batches are acknowledged with durable_through and each new reading is stored with one event") {
  IngestFixture f;
  auto stub = f.Stub();
  const auto result = Upload(*stub, {Batch({MakeReading(1, "1"), MakeReading(2, "2"), MakeReading(3, "3")}),
                                     Batch({MakeReading(4, "4", 1), MakeReading(5, "5", 1)})});
  REQUIRE(result.status.ok());
  REQUIRE(result.acks.size() == 2);
  CHECK(result.acks[0].durable_through() == 3);
  CHECK(result.acks[0].accepted() == 3);
  CHECK(result.acks[0].duplicates() == 0);
  CHECK(result.acks[1].durable_through() == 5);
  CHECK(result.acks[1].accepted() == 2);
  CHECK(f.Count("SELECT count(*) FROM ingest.readings WHERE gateway_id = 'gateway-demo'") == 5);
  CHECK(f.Count("SELECT count(*) FROM ingest.outbox WHERE topic = 'ingest.reading.accepted'") == 5);
  CHECK(
      f.Count("SELECT count(*) FROM ingest.outbox o JOIN ingest.readings r "
              "ON r.id = (o.payload->>'reading_id')::uuid AND o.payload->'consignment'->>'container' = r.container") ==
      5);
}

TEST_CASE("resending a batch stores nothing new and counts duplicates") {
  IngestFixture f;
  auto stub = f.Stub();
  const auto batch = Batch({MakeReading(1, "1"), MakeReading(2, "2")});
  REQUIRE(Upload(*stub, {batch}).acks.at(0).accepted() == 2);
  // A gateway that lost the ack resends on a new stream after reconnecting.
  const auto again = Upload(*stub, {batch});
  REQUIRE(again.status.ok());
  CHECK(again.acks.at(0).durable_through() == 2);
  CHECK(again.acks.at(0).accepted() == 0);
  CHECK(again.acks.at(0).duplicates() == 2);
  CHECK(f.Count("SELECT count(*) FROM ingest.readings") == 2);
  CHECK(f.Count("SELECT count(*) FROM ingest.outbox") == 2);
}

TEST_CASE("the same reading under a new sequence is a duplicate by its natural key") {
  IngestFixture f;
  auto stub = f.Stub();
  REQUIRE(Upload(*stub, {Batch({MakeReading(1, "A-1")})}).acks.at(0).accepted() == 1);
  // The gateway re-imported the file after losing its queue, numbering the reading anew.
  const auto result = Upload(*stub, {Batch({MakeReading(7, "A-1"), MakeReading(8, "A-2")})});
  REQUIRE(result.status.ok());
  CHECK(result.acks.at(0).accepted() == 1);
  CHECK(result.acks.at(0).duplicates() == 1);
  CHECK(result.acks.at(0).durable_through() == 8);
  CHECK(f.Count("SELECT count(*) FROM ingest.readings") == 2);
  CHECK(f.Count("SELECT count(*) FROM ingest.outbox") == 2);
  // Both sequences stand for the one stored reading, so either resent is recognised.
  CHECK(f.Count("SELECT count(DISTINCT reading_id) FROM ingest.gateway_sequences WHERE sequence IN (1, 7)") == 1);
}

TEST_CASE("the same reading from two gateways is stored once") {
  IngestFixture f;
  REQUIRE(Upload(*f.Stub("gateway-demo"), {Batch({MakeReading(1, "1")})}).acks.at(0).accepted() == 1);
  const auto other = Upload(*f.Stub("gateway-callao"), {Batch({MakeReading(1, "1")})});
  CHECK(other.acks.at(0).duplicates() == 1);
  CHECK(f.Count("SELECT count(*) FROM ingest.readings") == 1);
}

TEST_CASE("an invalid reading is rejected with field and reason while the rest of the batch is stored") {
  IngestFixture f;
  auto bad_kind = MakeReading(2, "2");
  bad_kind.mutable_reading()->set_kind("laser");
  auto bad_payload = MakeReading(3, "3");
  bad_payload.mutable_reading()->set_payload_json(R"({"a":"\u0000"})");
  auto no_time = MakeReading(4, "4");
  no_time.mutable_reading()->clear_captured_at();
  const auto result =
      Upload(*f.Stub(), {Batch({MakeReading(1, "1"), bad_kind, bad_payload, no_time, MakeReading(5, "5")})});
  REQUIRE(result.status.ok());
  const auto& ack = result.acks.at(0);
  CHECK(ack.durable_through() == 5);
  CHECK(ack.accepted() == 2);
  REQUIRE(ack.rejected_size() == 3);
  CHECK(ack.rejected(0).sequence() == 2);
  CHECK(ack.rejected(0).field() == "reading.kind");
  CHECK_THAT(ack.rejected(0).reason(), Contains("laser"));
  CHECK(ack.rejected(1).field() == "reading.payload_json");
  CHECK(ack.rejected(2).field() == "reading.captured_at");
  CHECK(f.Count("SELECT count(*) FROM ingest.readings") == 2);
}

TEST_CASE("a sequence reused for a different reading is rejected, not silently dropped") {
  IngestFixture f;
  auto stub = f.Stub();
  REQUIRE(Upload(*stub, {Batch({MakeReading(1, "1")})}).acks.at(0).accepted() == 1);
  const auto result = Upload(*stub, {Batch({MakeReading(1, "99")})});
  REQUIRE(result.acks.at(0).rejected_size() == 1);
  CHECK(result.acks.at(0).rejected(0).field() == "sequence");
  CHECK_THAT(result.acks.at(0).rejected(0).reason(), Contains("numbering must never restart"));
  CHECK(result.acks.at(0).duplicates() == 0);
}

TEST_CASE("a client certificate that is not a gateway's may not upload") {
  IngestFixture f;
  const auto result = Upload(*f.Stub("partner-pe"), {Batch({MakeReading(1, "1")})});
  CHECK(result.status.error_code() == grpc::StatusCode::PERMISSION_DENIED);
  CHECK_THAT(result.status.error_message(), Contains("partner-pe"));
  CHECK(f.Count("SELECT count(*) FROM ingest.readings") == 0);
}

TEST_CASE("a client without a certificate is refused") {
  IngestFixture f;
  const auto result = Upload(*f.Stub(""), {Batch({MakeReading(1, "1")})});
  CHECK(result.status.error_code() == grpc::StatusCode::UNAVAILABLE);
  CHECK(f.Count("SELECT count(*) FROM ingest.readings") == 0);
}

TEST_CASE("a batch over the size limit ends the stream with INVALID_ARGUMENT and stores nothing") {
  IngestFixture f;  // limit 2000 in the fixture
  std::vector<greenlane::v1::SequencedReading> readings;
  for (int i = 1; i <= 2001; ++i) readings.push_back(MakeReading(i, std::to_string(i)));
  const auto result = Upload(*f.Stub(), {Batch(std::move(readings))});
  CHECK(result.status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(result.status.error_message(), Contains("2000"));
  CHECK(f.Count("SELECT count(*) FROM ingest.readings") == 0);
}

TEST_CASE("the accepted event carries the stored reading as the README describes") {
  IngestFixture f;
  auto stub = f.Stub();
  auto reading = MakeReading(1, "E-1", 3);
  reading.mutable_reading()->mutable_captured_at()->set_nanos(123456000);
  REQUIRE(Upload(*stub, {Batch({reading})}).acks.at(0).accepted() == 1);
  CHECK(
      f.Count("SELECT count(*) FROM ingest.outbox o JOIN ingest.readings r ON r.id = (o.payload->>'reading_id')::uuid "
              "WHERE o.topic = 'ingest.reading.accepted' AND o.payload->'flags' = to_jsonb(r.flags) "
              "AND o.payload - 'reading_id' - 'flags' = '{\"kind\": \"xrf\", \"device_serial\": \"VAN-800123\", "
              "\"gateway_id\": \"gateway-demo\", \"consignment\": {\"declaration\": \"PE-2026-000123\", "
              "\"container\": \"MSKU4421908\", \"item\": \"3\"}, "
              "\"captured_at\": \"2026-11-20T08:03:00.123456Z\"}'::jsonb") == 1);
}

TEST_CASE("one stream's batches, new and resent readings mixed, each get their events in sequence order") {
  IngestFixture f;
  auto stub = f.Stub();
  const auto result = Upload(*stub, {Batch({MakeReading(1, "1"), MakeReading(2, "2"), MakeReading(3, "3")}),
                                     Batch({MakeReading(1, "1"), MakeReading(4, "4")}), Batch({MakeReading(5, "5")})});
  REQUIRE(result.status.ok());
  REQUIRE(result.acks.size() == 3);
  CHECK(result.acks[1].accepted() == 1);
  CHECK(result.acks[1].duplicates() == 1);
  CHECK(result.acks[2].accepted() == 1);
  CHECK(f.Count("SELECT count(*) FROM ingest.gateway_sequences") == 5);
  // The relay publishes by outbox id.
  CHECK(f.Count("SELECT string_agg(r.reading_number, '' ORDER BY o.id)::bigint FROM ingest.outbox o "
                "JOIN ingest.readings r ON r.id = (o.payload->>'reading_id')::uuid") == 12345);
}

TEST_CASE("batches sent without waiting for acks are committed in parallel and acknowledged in order") {
  IngestFixture f;
  auto stub = f.Stub();
  constexpr int kBatches = 20, kPerBatch = 50;
  grpc::ClientContext context;
  rpc::SetDeadline(context, std::chrono::seconds(30));
  auto stream = stub->Upload(&context);
  // The gateway's window: every batch is written before any ack is read.
  std::thread writer([&] {
    for (int b = 0; b < kBatches; ++b) {
      std::vector<v1::SequencedReading> readings;
      for (int i = 1; i <= kPerBatch; ++i) {
        const auto sequence = b * kPerBatch + i;
        readings.push_back(MakeReading(sequence, std::to_string(sequence)));
      }
      if (!stream->Write(Batch(readings))) return;
    }
    stream->WritesDone();
  });
  std::vector<v1::UploadAck> acks;
  for (v1::UploadAck ack; stream->Read(&ack);) acks.push_back(ack);
  writer.join();
  REQUIRE(stream->Finish().ok());
  REQUIRE(acks.size() == kBatches);
  for (int b = 0; b < kBatches; ++b) {
    INFO("ack " << b);
    CHECK(acks[b].durable_through() == (b + 1) * kPerBatch);
    CHECK(acks[b].accepted() == kPerBatch);
  }
  CHECK(f.Count("SELECT count(*) FROM ingest.readings") == kBatches * kPerBatch);
  CHECK(f.Count("SELECT count(*) FROM ingest.gateway_sequences") == kBatches * kPerBatch);
  CHECK(f.Count("SELECT count(*) FROM ingest.outbox") == kBatches * kPerBatch);
}
