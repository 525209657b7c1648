#include "greenlane/events/outbox.h"

#include "greenlane/core/error.h"
#include "greenlane/core/uuid.h"
#include "greenlane/pg/url.h"
#include "outbox_inbox_template.h"

namespace greenlane::events {
namespace {

constexpr std::size_t kMaxTopicLength = 200;

void RequirePlainSchema(const std::string& schema) {
  if (!pg::IsPlainIdentifier(schema)) {
    throw core::GreenlaneException(core::Error::InvalidArgument(
        "schema", "schema name \"" + schema + "\" must be a lower-case identifier ([a-z_][a-z0-9_]*, max 63)"));
  }
}

}  // namespace

std::string StreamName(const std::string& topic) { return "greenlane." + topic; }

std::string TopicProblem(const std::string& topic) {
  if (topic.empty() || topic.size() > kMaxTopicLength) {
    return "topic must be 1 to " + std::to_string(kMaxTopicLength) + " bytes, got " + std::to_string(topic.size());
  }
  for (char c : topic) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
      return "topic \"" + topic + "\" may hold only a-z, 0-9, '.', '_' and '-' (e.g. timber.certificate.issued)";
    }
  }
  return {};
}

std::string OutboxInboxDdl(const std::string& schema) {
  RequirePlainSchema(schema);
  // The leading comment tells people how to copy the template; it would read wrongly once filled in.
  std::string_view text = internal::OutboxInboxTemplate();
  while (text.starts_with("--") || text.starts_with("\n")) {
    const auto end = text.find('\n');
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  std::string ddl(text);
  const std::string placeholder = "{{schema}}";
  for (auto pos = ddl.find(placeholder); pos != std::string::npos; pos = ddl.find(placeholder, pos)) {
    ddl.replace(pos, placeholder.size(), schema);
    pos += schema.size();
  }
  return ddl;
}

std::string Publish(pqxx::dbtransaction& tx, const std::string& schema, const std::string& topic,
                    const nlohmann::json& payload) {
  return PublishMany(tx, schema, topic, {payload}).front();
}

OutboxRows MakeOutboxRows(const std::string& topic, const std::vector<nlohmann::json>& payloads) {
  if (auto problem = TopicProblem(topic); !problem.empty()) {
    throw core::GreenlaneException(core::Error::InvalidArgument("topic", problem));
  }
  OutboxRows rows{topic, {}, {}, "["};
  rows.ids.reserve(payloads.size());
  // Ids and payloads each go as one JSON array: the serializer does all the quoting, and no value is
  // ever spliced into the SQL text.
  for (const auto& payload : payloads) {
    rows.ids.push_back(core::Uuid::NewV7().ToString());
    if (rows.payloads_json.size() > 1) rows.payloads_json += ',';
    rows.payloads_json += payload.dump();
  }
  rows.payloads_json += ']';
  rows.ids_json = nlohmann::json(rows.ids).dump();
  return rows;
}

std::string OutboxInsertSql(const std::string& schema, std::string_view topic, std::string_view ids_json,
                            std::string_view payloads_json) {
  RequirePlainSchema(schema);
  // WITH ORDINALITY zips the two arrays element by element, and ORDER BY makes the bigserial ids, the
  // order the relay publishes in, follow the caller's order.
  return "INSERT INTO " + schema + ".outbox (event_id, topic, payload) SELECT e.event_id::uuid, " + std::string(topic) +
         ", e.payload FROM ROWS FROM (jsonb_array_elements_text(" + std::string(ids_json) +
         "::jsonb), jsonb_array_elements(" + std::string(payloads_json) +
         "::jsonb)) WITH ORDINALITY AS e(event_id, payload, n) ORDER BY e.n";
}

std::vector<std::string> PublishMany(pqxx::dbtransaction& tx, const std::string& schema, const std::string& topic,
                                     const std::vector<nlohmann::json>& payloads) {
  const auto sql = OutboxInsertSql(schema, "$1", "$2", "$3");
  auto rows = MakeOutboxRows(topic, payloads);
  if (payloads.empty()) return {};
  tx.exec_params(sql, rows.topic, rows.ids_json, rows.payloads_json);
  return std::move(rows.ids);
}

}  // namespace greenlane::events
