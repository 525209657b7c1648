#include "store/result_store.h"

#include <charconv>

#include "greenlane/core/uuid.h"
#include "greenlane/events/outbox.h"

namespace greenlane::identify {
namespace {

constexpr const char* kInsert = "identify_result_insert";
constexpr const char* kInsertSql =
    "INSERT INTO identify.results (id, reading_id, kind, declaration, container, item, verdict, confidence, summary, "
    "findings, details, produced_at) VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, "
    "$12::timestamptz) ON CONFLICT (reading_id) DO NOTHING RETURNING id";

constexpr const char* kColumns =
    "id::text, reading_id::text, kind, declaration, container, item, verdict, confidence, summary, findings::text, "
    "details::text, (extract(epoch FROM produced_at) * 1000000)::bigint";

constexpr const char* kGetById = "identify_result_by_id";
const std::string kGetByIdSql = std::string("SELECT ") + kColumns + " FROM identify.results WHERE id = $1::uuid";
constexpr const char* kGetByReading = "identify_result_by_reading";
const std::string kGetByReadingSql =
    std::string("SELECT ") + kColumns + " FROM identify.results WHERE reading_id = $1::uuid";

// Unprepared so each call is planned for the filter given and uses that filter's partial index.
const std::string kListSql = std::string("SELECT ") + kColumns +
                             " FROM identify.results WHERE ($1 = '' OR declaration = $1) AND ($2 = '' OR container = "
                             "$2) AND ($3 = '' OR kind = $3) AND ($4::timestamptz IS NULL OR (produced_at, id) < "
                             "($4::timestamptz, $5::uuid)) ORDER BY produced_at DESC, id DESC "
                             "LIMIT $6";

// Microsecond precision both ways: the value stored is exactly the one compared in the next page.
std::int64_t Micros(core::TimePoint time) {
  return std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
}

core::TimePoint FromMicros(std::int64_t micros) {
  return core::TimePoint(std::chrono::duration_cast<core::TimePoint::duration>(std::chrono::microseconds(micros)));
}

Identification FromRow(const pqxx::row& row) {
  Identification answer;
  answer.result_id = row[0].as<std::string>();
  answer.reading_id = row[1].as<std::string>();
  answer.kind = row[2].as<std::string>();
  answer.consignment = {row[3].as<std::string>(), row[4].as<std::string>(), row[5].as<std::string>()};
  answer.verdict = row[6].as<std::string>();
  answer.confidence = row[7].as<double>();
  answer.summary = row[8].as<std::string>();
  answer.findings = FindingsFromJson(nlohmann::json::parse(row[9].as<std::string>()));
  answer.details = nlohmann::json::parse(row[10].as<std::string>());
  answer.produced_at = FromMicros(row[11].as<std::int64_t>());
  return answer;
}

// The token is "<produced_at micros>.<result id>" of the last row of a page.
struct Cursor {
  std::int64_t micros = 0;
  std::string id;
};

std::string Encode(const Identification& last) {
  return std::to_string(Micros(last.produced_at)).append(".").append(last.result_id);
}

std::optional<Cursor> Decode(const std::string& token) {
  const auto dot = token.find('.');
  if (dot == std::string::npos) return std::nullopt;
  Cursor cursor;
  const auto [end, error] = std::from_chars(token.data(), token.data() + dot, cursor.micros);
  if (error != std::errc() || end != token.data() + dot) return std::nullopt;
  cursor.id = token.substr(dot + 1);
  if (!core::Uuid::Parse(cursor.id)) return std::nullopt;
  return cursor;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ResultStore::PreparedStatements() {
  return {{kInsert, kInsertSql}, {kGetById, kGetByIdSql}, {kGetByReading, kGetByReadingSql}};
}

bool ResultStore::Store(pqxx::work& tx, Identification& answer) const {
  answer.result_id = core::Uuid::NewV7(clock_).ToString();
  // Kept to the microsecond, as stored, so the event and a later read agree.
  answer.produced_at = FromMicros(Micros(clock_.Now()));
  const auto inserted = tx.exec_prepared(
      kInsert, answer.result_id, answer.reading_id, answer.kind, answer.consignment.declaration,
      answer.consignment.container, answer.consignment.item, answer.verdict, answer.confidence, answer.summary,
      FindingsJson(answer.findings).dump(), answer.details.dump(), core::FormatRfc3339(answer.produced_at, 6));
  if (inserted.empty()) return false;
  events::Publish(tx, "identify", kResultReadyTopic, ResultReadyPayload(answer));
  return true;
}

core::Result<Identification> ResultStore::GetOne(const char* statement, const std::string& field,
                                                 const std::string& id) {
  if (!core::Uuid::Parse(id))
    return core::Error::InvalidArgument(field, std::string("'").append(id).append("' is not a UUID"));
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  const auto rows = tx.exec_prepared(statement, id);
  if (rows.empty())
    return core::Error::NotFound(std::string("no identification result with ").append(field).append(" ").append(id));
  return FromRow(rows[0]);
}

core::Result<Identification> ResultStore::GetById(const std::string& id) { return GetOne(kGetById, "result_id", id); }

core::Result<Identification> ResultStore::GetByReading(const std::string& reading_id) {
  return GetOne(kGetByReading, "reading_id", reading_id);
}

core::Result<ResultStore::Page> ResultStore::List(const ListQuery& query) {
  if (query.declaration.empty() == query.container.empty()) {
    return core::Error::InvalidArgument("declaration", "give exactly one of declaration and container");
  }
  if (query.page_size < 0 || query.page_size > kMaxPageSize) {
    return core::Error::InvalidArgument("page.page_size", std::string("must be between 0 (default ")
                                                              .append(std::to_string(kDefaultPageSize))
                                                              .append(") and ")
                                                              .append(std::to_string(kMaxPageSize)));
  }
  const int page_size = query.page_size == 0 ? kDefaultPageSize : query.page_size;
  std::optional<std::string> after_time;
  std::optional<std::string> after_id;
  if (!query.page_token.empty()) {
    const auto cursor = Decode(query.page_token);
    if (!cursor) return core::Error::InvalidArgument("page.page_token", "is not a token this service returned");
    after_time = core::FormatRfc3339(FromMicros(cursor->micros), 6);
    after_id = cursor->id;
  }
  auto connection = pool_.Acquire();
  pqxx::read_transaction tx(*connection);
  const auto rows =
      tx.exec_params(kListSql, query.declaration, query.container, query.kind, after_time, after_id, page_size + 1);
  Page page;
  for (const auto& row : rows) {
    if (static_cast<int>(page.results.size()) == page_size) {
      page.next_page_token = Encode(page.results.back());
      break;
    }
    page.results.push_back(FromRow(row));
  }
  return page;
}

}  // namespace greenlane::identify
