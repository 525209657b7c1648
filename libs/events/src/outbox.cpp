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

std::vector<std::string> PublishMany(pqxx::dbtransaction& tx, const std::string& schema, const std::string& topic,
                                     const std::vector<nlohmann::json>& payloads) {
  RequirePlainSchema(schema);
  if (auto problem = TopicProblem(topic); !problem.empty()) {
    throw core::GreenlaneException(core::Error::InvalidArgument("topic", problem));
  }
  std::vector<std::string> ids;
  if (payloads.empty()) return ids;
  ids.reserve(payloads.size());
  // Ids and payloads each go as one JSON array: the serializer does all the quoting, and no value is
  // ever spliced into the SQL text.
  std::string payload_array = "[";
  for (const auto& payload : payloads) {
    ids.push_back(core::Uuid::NewV7().ToString());
    if (payload_array.size() > 1) payload_array += ',';
    payload_array += payload.dump();
  }
  payload_array += ']';
  // WITH ORDINALITY zips the two arrays element by element, and ORDER BY makes the bigserial ids, the
  // order the relay publishes in, follow the caller's order.
  tx.exec_params("INSERT INTO " + schema +
                     ".outbox (event_id, topic, payload) SELECT e.event_id::uuid, $1, e.payload"
                     " FROM ROWS FROM (jsonb_array_elements_text($2::jsonb), jsonb_array_elements($3::jsonb))"
                     " WITH ORDINALITY AS e(event_id, payload, n) ORDER BY e.n",
                 topic, nlohmann::json(ids).dump(), payload_array);
  return ids;
}

}  // namespace greenlane::events
