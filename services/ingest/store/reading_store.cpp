#include "store/reading_store.h"

#include <pqxx/stream_to>
#include <set>

#include "domain/paging.h"
#include "greenlane/core/uuid.h"
#include "store/device_store.h"
#include "store/pg_values.h"

namespace greenlane::ingest {
namespace {

// The batch is staged in a temporary table that lives as long as the connection and empties at every
// commit: COPY is the fast way in, the de-duplication then happens in set-based statements instead of
// a round trip per reading, and no transaction pays for creating and dropping a table (catalog
// writes). Statements at warning level so the "already exists" notice of every later batch stays
// quiet. Identifier columns are collated "C" as in ingest.readings (migration 0004), so the two compare
// directly. The staging table is never analysed, so the planner would hash whole tables to join a batch
// of at most a few thousand rows; index lookups per staged row stay flat as the tables grow (hence
// the primary key, which the joins back from the stored rows probe).
constexpr const char* kPrepareStagingSql =
    "SET LOCAL client_min_messages = warning; "
    "CREATE TEMPORARY TABLE IF NOT EXISTS ingest_batch (sequence bigint NOT NULL, id uuid PRIMARY KEY, "
    "kind text COLLATE \"C\" NOT NULL, device_serial text COLLATE \"C\" NOT NULL, "
    "gateway_id text COLLATE \"C\" NOT NULL, captured_at timestamptz NOT NULL, "
    "received_at timestamptz NOT NULL, operator_id text NOT NULL, sample_label text NOT NULL, "
    "declaration text COLLATE \"C\" NOT NULL, container text COLLATE \"C\" NOT NULL, item text NOT NULL, "
    "container_check_digit_valid boolean NOT NULL, latitude double precision, longitude double precision, "
    "reading_number text COLLATE \"C\" NOT NULL, source_file text NOT NULL, source_line integer NOT NULL, "
    "raw text NOT NULL, "
    "payload text NOT NULL, flags text[] NOT NULL, event_id uuid NOT NULL, event_captured_at text NOT NULL) "
    "ON COMMIT DELETE ROWS; "
    "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off";
const std::vector<std::string> kStagingColumns = {"sequence",
                                                  "id",
                                                  "kind",
                                                  "device_serial",
                                                  "gateway_id",
                                                  "captured_at",
                                                  "received_at",
                                                  "operator_id",
                                                  "sample_label",
                                                  "declaration",
                                                  "container",
                                                  "item",
                                                  "container_check_digit_valid",
                                                  "latitude",
                                                  "longitude",
                                                  "reading_number",
                                                  "source_file",
                                                  "source_line",
                                                  "raw",
                                                  "payload",
                                                  "flags",
                                                  "event_id",
                                                  "event_captured_at"};

// Sequences this gateway already had acknowledged for a reading with another natural key. Only asked
// when some reading was not stored: a sequence already known is never stored again.
constexpr const char* kConflictsSql =
    "SELECT b.sequence, r.device_serial, r.reading_number FROM ingest_batch b "
    "JOIN ingest.gateway_sequences g ON g.gateway_id = b.gateway_id AND g.sequence = b.sequence "
    "JOIN ingest.readings r ON r.id = g.reading_id "
    "WHERE (r.device_serial, r.reading_number, r.captured_at) <> (b.device_serial, b.reading_number, b.captured_at)";

// One round trip for the common case: stores the readings whose (gateway, sequence) and natural key
// are new, records their sequences and writes their ingest.reading.accepted events to the outbox (in
// sequence order: the relay publishes by outbox id), the rows events::PublishMany would write. The
// payload is built here from the staged row rather than parsed from JSON text sent along with it;
// captured_at is staged as PgTimestamp formats it (cheaper than to_char, and the same text).
constexpr const char* kStoreNewSql =
    "WITH stored AS (INSERT INTO ingest.readings (id, kind, device_serial, gateway_id, captured_at, received_at, "
    "operator_id, sample_label, declaration, container, item, container_check_digit_valid, latitude, longitude, "
    "reading_number, source_file, source_line, raw, payload, flags) "
    "SELECT b.id, b.kind, b.device_serial, b.gateway_id, b.captured_at, b.received_at, b.operator_id, "
    "b.sample_label, b.declaration, b.container, b.item, b.container_check_digit_valid, b.latitude, b.longitude, "
    "b.reading_number, b.source_file, b.source_line, b.raw, b.payload::jsonb, b.flags FROM ingest_batch b "
    "WHERE NOT EXISTS (SELECT 1 FROM ingest.gateway_sequences g "
    "WHERE g.gateway_id = b.gateway_id AND g.sequence = b.sequence) ORDER BY b.sequence "
    "ON CONFLICT (device_serial, reading_number, captured_at) DO NOTHING RETURNING id), "
    "sequenced AS (INSERT INTO ingest.gateway_sequences (gateway_id, sequence, reading_id) "
    "SELECT b.gateway_id, b.sequence, b.id FROM stored s JOIN ingest_batch b ON b.id = s.id ON CONFLICT DO NOTHING), "
    "published AS (INSERT INTO ingest.outbox (event_id, topic, payload) "
    "SELECT b.event_id, $1, jsonb_build_object('reading_id', b.id, 'kind', b.kind, 'device_serial', b.device_serial, "
    "'gateway_id', b.gateway_id, 'consignment', jsonb_build_object('declaration', b.declaration, "
    "'container', b.container, 'item', b.item), "
    "'captured_at', b.event_captured_at, "
    "'flags', to_jsonb(b.flags)) FROM stored s JOIN ingest_batch b ON b.id = s.id ORDER BY b.sequence) "
    "SELECT count(*) FROM stored";

// Only when some reading was not stored: the sequences of readings already stored under the same
// natural key. A separate statement so it sees the rows any concurrent batch committed with that key,
// which the previous one waited for.
constexpr const char* kRecordSequencesSql =
    "INSERT INTO ingest.gateway_sequences (gateway_id, sequence, reading_id) "
    "SELECT b.gateway_id, b.sequence, r.id FROM ingest_batch b JOIN ingest.readings r "
    "ON r.device_serial = b.device_serial AND r.reading_number = b.reading_number AND r.captured_at = b.captured_at "
    "ON CONFLICT DO NOTHING";

const std::string kReadingColumns =
    "id::text, kind, device_serial, gateway_id, " + MicrosOf("captured_at") + ", " + MicrosOf("received_at") +
    ", operator_id, sample_label, declaration, container, item, container_check_digit_valid, latitude, longitude, "
    "reading_number, source_file, source_line, raw, payload::text, array_to_json(flags)::text";

constexpr const char* kGet = "ingest_reading_get";
const std::string kGetSql = "SELECT " + kReadingColumns + " FROM ingest.readings WHERE id = $1::uuid";

// Run unprepared so each call is planned with its own values: the unused filters then fold away and
// the index of the filter given is used.
const std::string kListSql =
    "SELECT " + kReadingColumns +
    " FROM ingest.readings WHERE ($1 = '' OR container = $1) AND ($2 = '' OR declaration = $2) "
    "AND ($3 = '' OR device_serial = $3) AND ($4 = '' OR kind = $4) "
    "AND ($5::timestamptz IS NULL OR captured_at >= $5::timestamptz) "
    "AND ($6::timestamptz IS NULL OR captured_at < $6::timestamptz) "
    "AND ($7::timestamptz IS NULL OR (captured_at, id) < ($7::timestamptz, $8::uuid)) "
    "ORDER BY captured_at DESC, id DESC LIMIT $9";

Reading ReadingFromRow(const pqxx::row& row) {
  Reading r;
  r.id = row[0].as<std::string>();
  r.kind = row[1].as<std::string>();
  r.device_serial = row[2].as<std::string>();
  r.gateway_id = row[3].as<std::string>();
  r.captured_at = FromMicros(row[4].as<std::int64_t>());
  r.received_at = FromMicros(row[5].as<std::int64_t>());
  r.operator_id = row[6].as<std::string>();
  r.sample_label = row[7].as<std::string>();
  r.declaration = row[8].as<std::string>();
  r.container = row[9].as<std::string>();
  r.item = row[10].as<std::string>();
  r.container_check_digit_valid = row[11].as<bool>();
  if (!row[12].is_null()) r.location = Location{row[12].as<double>(), row[13].as<double>()};
  r.reading_number = row[14].as<std::string>();
  r.source_file = row[15].as<std::string>();
  r.source_line = row[16].as<std::int32_t>();
  r.raw = row[17].as<std::string>();
  r.payload_json = row[18].as<std::string>();
  r.flags = FromJsonTextArray(row[19].as<std::string>());
  return r;
}

void Stage(pqxx::work& tx, const std::vector<SequencedReading>& readings) {
  tx.exec0(kPrepareStagingSql);
  pqxx::stream_to stream(tx, "ingest_batch", kStagingColumns);
  for (const auto& [sequence, r] : readings) {
    std::optional<double> latitude, longitude;
    if (r.location) {
      latitude = r.location->latitude;
      longitude = r.location->longitude;
    }
    const auto captured_at = PgTimestamp(r.captured_at);
    stream << std::make_tuple(sequence, r.id, r.kind, r.device_serial, r.gateway_id, captured_at,
                              PgTimestamp(r.received_at), r.operator_id, r.sample_label, r.declaration, r.container,
                              r.item, r.container_check_digit_valid, latitude, longitude, r.reading_number,
                              r.source_file, r.source_line, r.raw, r.payload_json, PgTextArray(r.flags),
                              core::Uuid::NewV7().ToString(), captured_at);
  }
  stream.complete();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ReadingStore::PreparedStatements() { return {{kGet, kGetSql}}; }

ReadingStore::CommitResult ReadingStore::Commit(const std::string& gateway_id,
                                                std::vector<SequencedReading>& readings) {
  CommitResult result;
  if (readings.empty()) return result;
  auto connection = pool_.Acquire();
  pqxx::work tx(*connection);

  std::vector<std::string> serials;
  {
    std::set<std::string> distinct;
    for (const auto& sequenced : readings) distinct.insert(sequenced.reading.device_serial);
    serials.assign(distinct.begin(), distinct.end());
  }
  const auto devices = DeviceStore::Find(tx, serials);
  const auto received_at = clock_.Now();
  for (auto& [sequence, reading] : readings) {
    reading.id = core::Uuid::NewV7(clock_).ToString();
    reading.gateway_id = gateway_id;
    reading.received_at = received_at;
    const auto device = devices.find(reading.device_serial);
    flagger_.Apply(reading, device == devices.end() ? nullptr : &device->second);
  }

  Stage(tx, readings);
  result.accepted = tx.exec_params1(kStoreNewSql, kReadingAcceptedTopic)[0].as<int>();
  if (result.accepted < static_cast<int>(readings.size())) {
    // The readings just stored have their own natural key under their sequence, so only the
    // sequences known before this batch can show up here.
    for (const auto& row : tx.exec(kConflictsSql)) {
      result.conflicts.push_back({row[0].as<std::int64_t>(), "sequence",
                                  "gateway " + gateway_id + " already used sequence " + row[0].as<std::string>() +
                                      " for reading " + row[2].as<std::string>() + " of device " +
                                      row[1].as<std::string>() + "; its numbering must never restart"});
    }
    tx.exec0(kRecordSequencesSql);
  }
  tx.commit();
  result.duplicates = static_cast<int>(readings.size()) - result.accepted - static_cast<int>(result.conflicts.size());
  return result;
}

core::Result<Reading> ReadingStore::Get(const std::string& id) {
  if (!core::Uuid::Parse(id)) return core::Error::InvalidArgument("id", "'" + id + "' is not a reading id (a UUID)");
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  const auto rows = tx.exec_prepared(kGet, id);
  if (rows.empty()) return core::Error::NotFound("no reading with id " + id);
  return ReadingFromRow(rows[0]);
}

core::Result<ReadingStore::Page> ReadingStore::List(const ListQuery& query) {
  const auto page_size = PageSizeOf(query.page_size);
  if (!page_size.ok()) return page_size.error();
  std::optional<std::string> after_time, after_id;
  if (!query.page_token.empty()) {
    const auto cursor = DecodeReadingCursor(query.page_token);
    if (!cursor.ok()) return cursor.error();
    after_time = PgTimestamp(cursor->captured_at);
    after_id = cursor->id;
  }
  auto time_param = [](const std::optional<core::TimePoint>& time) {
    return time ? std::optional(PgTimestamp(*time)) : std::nullopt;
  };
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  const auto rows = tx.exec_params(kListSql, query.container, query.declaration, query.device_serial, query.kind,
                                   time_param(query.captured_from), time_param(query.captured_until), after_time,
                                   after_id, *page_size + 1);
  Page page;
  for (const auto& row : rows) {
    if (static_cast<int>(page.readings.size()) == *page_size) {
      const auto& last = page.readings.back();
      page.next_page_token = EncodeReadingCursor({last.captured_at, last.id});
      break;
    }
    page.readings.push_back(ReadingFromRow(row));
  }
  return page;
}

}  // namespace greenlane::ingest
