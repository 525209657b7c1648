#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <vector>

namespace greenlane::events {

/// A fact one service tells the others, as consumers receive it.
struct Event {
  std::string id;          ///< UUIDv7; consumers deduplicate on it
  std::string topic;       ///< e.g. "timber.certificate.issued"
  nlohmann::json payload;  ///< the event's data
  std::string created_at;  ///< RFC 3339 UTC, when the publishing transaction wrote it
};

/// The Redis stream of `topic`: "greenlane.<topic>".
std::string StreamName(const std::string& topic);

/// The DDL of `<schema>.outbox`, `<schema>.inbox` and `<schema>.dead_letter` (libs/events/sql/outbox_inbox.sql with the
/// schema filled in). Services copy the template into a migration of their own; tests use this.
/// Throws core::GreenlaneException (kInvalidArgument) unless `schema` is a plain identifier.
std::string OutboxInboxDdl(const std::string& schema);

/// Records an event in `<schema>.outbox` inside the caller's transaction, so the event exists if and
/// only if the change it describes commits. Returns the new event id (UUIDv7). The relay publishes it
/// to StreamName(topic) after the commit. Throws core::GreenlaneException (kInvalidArgument) for a
/// schema that is not a plain identifier or a topic outside [a-z0-9._-] (at most 200 bytes).
std::string Publish(pqxx::dbtransaction& tx, const std::string& schema, const std::string& topic,
                    const nlohmann::json& payload);

/// Publish for a whole batch of events of one topic: every outbox row is written by a single statement,
/// so a transaction that records thousands of changes pays one round trip for their events instead of
/// one each. Returns the new event ids in the order of `payloads`; the relay publishes the events in
/// that order. No statement runs when `payloads` is empty. Throws as Publish does. The payloads travel
/// as one statement parameter, so callers keep batches to what they would commit at once.
std::vector<std::string> PublishMany(pqxx::dbtransaction& tx, const std::string& schema, const std::string& topic,
                                     const std::vector<nlohmann::json>& payloads);

/// PublishMany in two parts, for a caller that folds the outbox insert into a statement of its own
/// (a group commit saving a round trip): the rows as statement parameters, and the INSERT that
/// takes them, its parameters numbered by the caller.
struct OutboxRows {
  std::string topic;
  std::vector<std::string> ids;  ///< the new event ids, in the order of the payloads
  std::string ids_json;          ///< ids as a JSON array
  std::string payloads_json;     ///< the payloads as a JSON array
};
/// Throws like PublishMany for a bad topic.
OutboxRows MakeOutboxRows(const std::string& topic, const std::vector<nlohmann::json>& payloads);
/// The INSERT of OutboxRows into `<schema>.outbox`: `topic`, `ids_json` and `payloads_json` are the
/// SQL expressions (e.g. "$3") that give those fields. Throws like PublishMany for a bad schema.
std::string OutboxInsertSql(const std::string& schema, std::string_view topic, std::string_view ids_json,
                            std::string_view payloads_json);

/// Checks a topic name; empty when valid, else what is wrong with it.
std::string TopicProblem(const std::string& topic);

}  // namespace greenlane::events
